using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Providers.Core.DependencyInjection;

/// <summary>The parts of one registration: its own named options, their binding and validation, and its own HTTP client.</summary>
internal static class ProviderOptionsRegistration
{
    private static readonly IConfiguration NoConfiguration = new ConfigurationBuilder().Build();

    public static Func<IServiceProvider, TClient> Add<TOptions, TClient>(
        IServiceCollection services, object? serviceKey, string configSectionPath, Action<TOptions>? configure,
        Func<HttpClient, TOptions, TClient> create, string registeredBy)
        where TOptions : ServiceClientOptions
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredBy);

        var source = ProviderOptionsSource.Create(services, registeredBy, serviceKey, configSectionPath, hasDelegate: configure is not null);
        string name = source.OptionsName;
        services.AddSingleton(source);

        Bind(services, name, source.SectionPaths, configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(sp => new ServiceClientOptionsValidator<TOptions>(source, sp.GetService<IConfiguration>()));

        // The provider applies its own per-request timeout (ServiceClientOptions.Timeout); HttpClient's 100 s default
        // would otherwise cut long streams and slow batches short.
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan).LogWithoutCredentials();

        return sp => create(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(name),
            sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name));
    }

    /// <summary>
    /// Binds the options <paramref name="name"/> from whatever IConfiguration the application has when they are first
    /// read, section by section, then applies the delegate (registration order is the order IOptionsFactory applies
    /// them); they are read again when that configuration reloads. Without IConfiguration only the delegate applies.
    /// </summary>
    public static OptionsBuilder<TOptions> Bind<TOptions>(IServiceCollection services, string name, IReadOnlyList<string> sectionPaths, Action<TOptions>? configure)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>(name);
        services.AddSingleton<IConfigureOptions<TOptions>>(sp => new ConfigureNamedOptions<TOptions>(name, value =>
        {
            if (sp.GetService<IConfiguration>() is { } configuration)
            {
                foreach (string path in sectionPaths)
                {
                    configuration.GetSection(path).Bind(value);
                }
            }
        }));
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(sp =>
            new ConfigurationChangeTokenSource<TOptions>(name, sp.GetService<IConfiguration>() ?? NoConfiguration));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return options;
    }
}
