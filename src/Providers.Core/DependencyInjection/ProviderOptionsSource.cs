using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Providers.Core.DependencyInjection;

/// <summary>
/// Where one registration's options come from: its own options (and HTTP client) name, the configuration sections it
/// binds and whether code adjusts them; validation errors say which of these the application actually used.
/// </summary>
internal sealed class ProviderOptionsSource
{
    private ProviderOptionsSource(string baseName, string optionsName, string registeredBy, IReadOnlyList<string> sectionPaths, bool hasDelegate)
    {
        BaseName = baseName;
        OptionsName = optionsName;
        RegisteredBy = registeredBy;
        SectionPaths = sectionPaths;
        HasDelegate = hasDelegate;
    }

    /// <summary>Gets the name before any suffix that sets it apart from an earlier registration of the same name.</summary>
    public string BaseName { get; }

    /// <summary>Gets the options and HTTP client name, unique in the service collection, e.g. <c>Providers.SciBoxChatClient[fast]</c>.</summary>
    public string OptionsName { get; }

    /// <summary>Gets the public method the application called, e.g. <c>AddKeyedSciBoxChatClient</c>.</summary>
    public string RegisteredBy { get; }

    /// <summary>Gets the configuration sections bound, in order.</summary>
    public IReadOnlyList<string> SectionPaths { get; }

    /// <summary>Gets whether the application passed a delegate that adjusts the options.</summary>
    public bool HasDelegate { get; }

    public static ProviderOptionsSource Create(IServiceCollection services, string registeredBy, object? serviceKey, string configSectionPath, bool hasDelegate)
    {
        string client = registeredBy.StartsWith("AddKeyed", StringComparison.Ordinal) ? registeredBy["AddKeyed".Length..]
            : registeredBy.StartsWith("Add", StringComparison.Ordinal) ? registeredBy["Add".Length..] : registeredBy;
        string baseName = serviceKey is null ? $"Providers.{client}" : $"Providers.{client}[{serviceKey}]";

        // Keys 1 and "1" (or two registrations of one client) would share a name, and with it their options.
        int earlier = services.Count(d => d.ImplementationInstance is ProviderOptionsSource s && s.BaseName == baseName);
        string optionsName = earlier == 0 ? baseName : $"{baseName}#{earlier + 1}";
        string[] sections = serviceKey is string { Length: > 0 } key ? [configSectionPath, $"{configSectionPath}:{key}"] : [configSectionPath];
        return new ProviderOptionsSource(baseName, optionsName, registeredBy, sections, hasDelegate);
    }

    /// <summary>
    /// Gets the sections that hold settings in <paramref name="configuration"/>; a shared section that holds only the
    /// key's own subsection is not counted as read.
    /// </summary>
    public IReadOnlyList<string> SectionsRead(IConfiguration? configuration) =>
        configuration is null ? [] : SectionPaths
            .Where(p => configuration.GetSection(p).GetChildren().Any(c => !SectionPaths.Contains(c.Path, StringComparer.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>Says what the options were made from, e.g. <c>configuration section 'Providers:SciBox', then the options passed to AddSciBoxChatClient</c>.</summary>
    public string Describe(IConfiguration? configuration)
    {
        var read = SectionsRead(configuration);
        string? sections = read.Count switch
        {
            0 => null,
            1 => $"configuration section '{read[0]}'",
            _ => $"configuration sections {string.Join(", ", read.Select(p => $"'{p}'"))}",
        };
        string? code = HasDelegate ? $"the options passed to {RegisteredBy}" : null;
        return (sections, code) switch
        {
            ({ } s, { } c) => $"{s}, then {c}",
            ({ } s, null) => s,
            (null, { } c) => c,
            _ => $"no configuration section {string.Join(" or ", SectionPaths.Select(p => $"'{p}'"))} was found and {RegisteredBy} was given no options",
        };
    }
}
