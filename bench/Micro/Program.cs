using BenchmarkDotNet.Running;

namespace Micro;

// In a namespace: a global Program would clash with Feed.Server's (CS0436).
static class Program
{
    // dotnet run -c Release --project bench/Micro -- --filter '*'   (or a class name)
    // dotnet run -c Release --project bench/Micro -- cold FOLDER [ROUNDS]   (see ColdStart)
    // dotnet run -c Release --project bench/Micro -- change FOLDER [ROUNDS]   (see Change)
    static void Main(string[] args)
    {
        if (args is ["cold", var folder, ..])
            ColdStart.Run(folder, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
        else if (args is ["change", var items, ..])
            Change.Run(items, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
        else
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
