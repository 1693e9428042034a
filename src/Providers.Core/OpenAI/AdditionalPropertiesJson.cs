using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.Core.OpenAI;

/// <summary>Turns Microsoft.Extensions.AI <c>AdditionalProperties</c> into JSON fields that pass through to a request body.</summary>
internal static class AdditionalPropertiesJson
{
    public static Dictionary<string, JsonElement>? ToJson(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || properties.Count == 0)
        {
            return null;
        }

        var json = new Dictionary<string, JsonElement>(properties.Count);
        foreach (var (name, value) in properties)
        {
            json[name] = value is null
                ? JsonSerializer.SerializeToElement<object?>(null, AIJsonUtilities.DefaultOptions)
                : JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }

        return json;
    }
}
