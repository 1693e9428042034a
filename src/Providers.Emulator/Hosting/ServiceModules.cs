namespace Providers.Emulator.Hosting;

/// <summary>The registered service modules, by service.</summary>
internal sealed class ServiceModules(IEnumerable<IServiceModule> modules)
{
    private readonly Dictionary<EmulatedService, IServiceModule> _byService = modules.ToDictionary(m => m.Service);

    public IEnumerable<IServiceModule> All => _byService.Values;

    public IServiceModule this[EmulatedService service] => _byService[service];
}
