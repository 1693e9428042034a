using BenchmarkDotNet.Running;
using Providers.Benchmarks.MaxSim;
using Providers.Benchmarks.Scale;
using Providers.Benchmarks.Orleans;

if (args is ["maxsim", ..])
{
    return MaxSimCommand.Run(args[1..]);
}

if (args is ["scale", ..])
{
    return await ScaleCommand.RunAsync(args[1..]);
}

if (args is ["orleans", ..])
{
    return await OrleansCommand.RunAsync(args[1..]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0;
