using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Providers.Core.DependencyInjection;

/// <summary>
/// Validates one registration's options with their own <see cref="ServiceClientOptions.GetValidationErrors"/>, so start-up
/// fails naming each wrong setting and what the application configured it with; also refuses a wait setting written as
/// a bare number in configuration (<c>"Timeout": "60"</c> binds as 60 days).
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class ServiceClientOptionsValidator<TOptions>(ProviderOptionsSource source, IConfiguration? configuration) : IValidateOptions<TOptions>
    where TOptions : ServiceClientOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name != source.OptionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        string from = source.Describe(configuration);
        var errors = BareNumberWaits().Concat(options.GetValidationErrors().Select(e => $"{e} ({from})")).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private IEnumerable<string> BareNumberWaits()
    {
        foreach (string section in source.SectionsRead(configuration))
        {
            foreach (string key in WaitSettingKeys(typeof(TOptions), section, depth: 0))
            {
                string? raw = configuration![key];
                if (long.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out long days))
                {
                    yield return $"Configuration setting '{key}' is \"{raw}\", which reads as {days} day(s): write a TimeSpan, e.g. \"00:01:00\" for one minute or \"1.00:00:00\" for one day.";
                }
            }
        }
    }

    /// <summary>The configuration keys of every TimeSpan setting, nested option objects included (SV Ray's <c>ImageDownload:Timeout</c>).</summary>
    private static IEnumerable<string> WaitSettingKeys(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType == typeof(TimeSpan) && property.CanWrite)
            {
                yield return $"{prefix}:{property.Name}";
            }
            else if (depth < 2 && propertyType.IsClass && propertyType.Namespace?.StartsWith("Providers.", StringComparison.Ordinal) is true)
            {
                foreach (string key in WaitSettingKeys(propertyType, $"{prefix}:{property.Name}", depth + 1))
                {
                    yield return key;
                }
            }
        }
    }
}
