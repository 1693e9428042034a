using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Providers.Core.OpenAI;

/// <summary>Turns Microsoft.Extensions.AI <c>AdditionalProperties</c> into JSON fields that pass through to a request body.</summary>
internal static class AdditionalPropertiesJson
{
    /// <summary>
    /// Converts the properties to JSON, refusing a name that a field of <paramref name="body"/> already sets: the same
    /// key twice in one body would leave the server to pick one, silently.
    /// </summary>
    public static Dictionary<string, JsonElement>? ToJson<TBody>(AdditionalPropertiesDictionary? properties, TBody body, JsonTypeInfo<TBody> bodyType)
    {
        if (properties is null || properties.Count == 0)
        {
            return null;
        }

        var json = new Dictionary<string, JsonElement>(properties.Count);
        foreach (var (name, value) in properties)
        {
            if (bodyType.Properties.FirstOrDefault(p => p.Name == name) is { Get: { } get } field && get(body!) is not null)
            {
                throw new ArgumentException(
                    $"AdditionalProperties['{name}'] would repeat the request field '{field.Name}', which the options already set; set it in one place only.");
            }

            json[name] = value is null
                ? JsonSerializer.SerializeToElement<object?>(null, AIJsonUtilities.DefaultOptions)
                : JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }

        return json;
    }
}
