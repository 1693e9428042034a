using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.Emulator;
using Providers.Emulator.Hosting;

// Dev server: dotnet run --project src/Providers.Emulator -- --urls http://127.0.0.1:5100 [--fault scibox/v1/embeddings:status=503]
List<(EmulatedService Service, string? Route, Action<FaultBuilder> Fault)> faults;
string[] hostArgs;
IReadOnlyList<string> urls;
try
{
    (faults, hostArgs) = DevServerArguments.Split(args);
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(hostArgs).Build();
    urls = LoopbackUrls.Validate(configuration["urls"] ?? LoopbackUrls.Default);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var options = new EmulatorOptions();
var app = EmulatorApp.Build(options, hostArgs, listen: null, quiet: false);
app.Configuration.GetSection("Emulator").Bind(options);
app.Urls.Clear();
foreach (var url in urls)
{
    app.Urls.Add(url);
}

var plan = app.Services.GetRequiredService<FaultPlan>();
foreach (var (service, route, fault) in faults)
{
    fault(plan.For(service, route));
}

await app.StartAsync().ConfigureAwait(false);
var root = EmulatorApp.RootUrl(app);
foreach (var service in ServicePath.All)
{
    Console.WriteLine($"{service,-12} {new Uri(root, ServicePath.Prefix(service) + "/")}");
}

await app.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
