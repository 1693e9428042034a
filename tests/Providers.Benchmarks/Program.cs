// Temporary entry point written by the late-interaction engineer; the lead's Program.cs replaces it.
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "maxsim")
{
    return Providers.Benchmarks.MaxSim.MaxSimCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Providers.Benchmarks.MaxSim.MaxSimCommand).Assembly).Run(args);
return 0;
