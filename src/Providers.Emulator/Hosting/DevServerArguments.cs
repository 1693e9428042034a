using Providers.Emulator.Faults;

namespace Providers.Emulator.Hosting;

/// <summary>
/// Takes the dev server's <c>--fault service[/route]:spec</c> options out of the command line (they may
/// repeat, which configuration binding would not allow) and leaves the rest to the host.
/// </summary>
internal static class DevServerArguments
{
    public static (List<(EmulatedService Service, string? Route, Action<FaultBuilder> Fault)> Faults, string[] HostArgs) Split(string[] args)
    {
        var faults = new List<(EmulatedService, string?, Action<FaultBuilder>)>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--fault")
            {
                rest.Add(args[i]);
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--fault needs a value: service[/route]:spec.");
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            var target = colon > 0 ? value[..colon] : throw new ArgumentException($"--fault '{value}' has no ':' between target and spec.");
            var slash = target.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? target : target[..slash];
            if (!ServicePath.TryParseName(name, out var service))
            {
                throw new ArgumentException($"--fault names an unknown service '{name}' (use {string.Join(", ", ServicePath.All.Select(ServicePath.Prefix))}).");
            }

            var route = slash < 0 ? null : target[(slash + 1)..];
            faults.AddRange(FaultSpec.Parse(value[(colon + 1)..]).Select(f => (service, route, f)));
        }

        return (faults, [.. rest]);
    }
}
