using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Micro -- --filter '*'   (or a class name)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
