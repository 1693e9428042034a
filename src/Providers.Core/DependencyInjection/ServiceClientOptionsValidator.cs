using Microsoft.Extensions.Options;
using Providers.Core;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Validates provider options with their own <see cref="ServiceClientOptions.GetValidationErrors"/>, so start-up fails naming each missing setting.</summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class ServiceClientOptionsValidator<TOptions>(string optionsName, string configurationPath) : IValidateOptions<TOptions>
    where TOptions : ServiceClientOptions
{
    public string OptionsName => optionsName;

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name != OptionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = options.GetValidationErrors().Select(e => $"{e} (configuration section '{configurationPath}')").ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
