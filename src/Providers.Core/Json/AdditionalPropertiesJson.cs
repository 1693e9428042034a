using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Providers.Core;

/// <summary>
/// Turns Microsoft.Extensions.AI <c>AdditionalProperties</c> into JSON fields that pass through to a request body
/// (its <see cref="System.Text.Json.Serialization.JsonExtensionDataAttribute"/> dictionary), the way services take
/// their own knobs (vLLM's <c>top_k</c>, <c>truncate_prompt_tokens</c>, ...).
/// </summary>
public static class AdditionalPropertiesJson
{
    /// <summary>
    /// Converts the properties to JSON fields, refusing a name that a field of <paramref name="body"/> already sets:
    /// the same key twice in one body would leave the server to pick one, silently.
    /// </summary>
    /// <typeparam name="TBody">The request body type.</typeparam>
    /// <param name="properties">The call's properties.</param>
    /// <param name="body">The body, with every field the caller sets already set.</param>
    /// <param name="bodyType">The body's type information; its JSON property names are the fields checked.</param>
    /// <param name="consumed">Properties the caller has already turned into fields of the body; they are left out.</param>
    /// <returns>The fields, or <see langword="null"/> when there are none.</returns>
    /// <exception cref="ArgumentException">A property would repeat a field that <paramref name="body"/> sets.</exception>
    public static Dictionary<string, JsonElement>? ToJson<TBody>(
        AdditionalPropertiesDictionary? properties, TBody body, JsonTypeInfo<TBody> bodyType, params ReadOnlySpan<string> consumed)
    {
        ArgumentNullException.ThrowIfNull(bodyType);
        if (properties is null || properties.Count == 0)
        {
            return null;
        }

        Dictionary<string, JsonElement>? json = null;
        foreach (var (name, value) in properties)
        {
            if (consumed.Contains(name))
            {
                continue;
            }

            if (bodyType.Properties.FirstOrDefault(p => p.Name == name) is { Get: { } get } field && get(body!) is not null)
            {
                throw new ArgumentException(
                    $"AdditionalProperties['{name}'] would repeat the request field '{field.Name}', which the options already set; set it in one place only.");
            }

            (json ??= new Dictionary<string, JsonElement>(properties.Count))[name] = ToElement(value);
        }

        return json;
    }

    /// <summary>Serializes one property value with <see cref="AIJsonUtilities.DefaultOptions"/>.</summary>
    /// <param name="value">The value; <see langword="null"/> becomes JSON <c>null</c>.</param>
    /// <returns>The value as JSON, independent of any document the value came from.</returns>
    public static JsonElement ToElement(object? value) => value is null
        ? JsonSerializer.SerializeToElement<object?>(null, AIJsonUtilities.DefaultOptions)
        : JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
}
