using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

// One silo of a late-interaction cluster: ADO.NET clustering and the shards' records in the same PostgreSQL.
//   dotnet Providers.VectorData.Orleans.SiloHost.dll --ConnectionStrings:Store "Host=...;" --Silo:Port 11111 --Silo:GatewayPort 30000
// Any Orleans membership setting may be given as --Orleans:Membership:<Name> <value>.
var builder = Host.CreateApplicationBuilder(args);
string connectionString = builder.Configuration.GetConnectionString("Store")
    ?? throw new InvalidOperationException("Set ConnectionStrings:Store to the PostgreSQL connection string.");
int siloPort = int.Parse(builder.Configuration["Silo:Port"] ?? "11111", CultureInfo.InvariantCulture);
int gatewayPort = int.Parse(builder.Configuration["Silo:GatewayPort"] ?? "30000", CultureInfo.InvariantCulture);

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(options =>
    {
        options.ClusterId = builder.Configuration["Orleans:ClusterId"] ?? "late-interaction";
        options.ServiceId = "late-interaction";
    });
    silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
    silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
    silo.UseAdoNetClustering(options =>
    {
        options.Invariant = "Npgsql";
        options.ConnectionString = connectionString;
    });
    silo.AddLateInteractionShards(options => options.ConnectionString = connectionString);
});

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"silo-ready {siloPort}"));
await host.WaitForShutdownAsync();
