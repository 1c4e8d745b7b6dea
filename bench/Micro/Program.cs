using BenchmarkDotNet.Running;

namespace Micro;

// In a namespace: a global Program would clash with Feed.Server's (CS0436).
static class Program
{
    // dotnet run -c Release --project bench/Micro -- --filter '*'   (or a class name)
    static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
