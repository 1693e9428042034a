using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Providers.VectorData.Orleans.Wire;

/// <summary>The JSON of keys, data and filter values, written by the client and read by the shards, or the reverse.</summary>
internal static class ShardJson
{
    public static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [RequiresUnreferencedCode("Values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Values are serialized as JSON by reflection.")]
    public static string Serialize(object? value, Type type) => JsonSerializer.Serialize(value, type, Options);

    [RequiresUnreferencedCode("Values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Values are deserialized from JSON by reflection.")]
    public static object? Deserialize(string json, Type type) => JsonSerializer.Deserialize(json, type, Options);

    /// <summary>Writes named values as one JSON object.</summary>
    [RequiresUnreferencedCode("Values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Values are serialized as JSON by reflection.")]
    public static string SerializeObject(IEnumerable<(string Name, object? Value, Type Type)> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value, type) in values)
            {
                writer.WritePropertyName(name);
                if (value is null)
                {
                    // A dynamic record may leave out a value-typed property.
                    writer.WriteNullValue();
                }
                else
                {
                    JsonSerializer.Serialize(writer, value, type, Options);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads the values of the named properties from one JSON object; a property it lacks or holds as null reads as null.</summary>
    [RequiresUnreferencedCode("Values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Values are deserialized from JSON by reflection.")]
    public static void DeserializeObject(string json, IEnumerable<(string Name, Type Type)> properties, Action<string, object?> set)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var (name, type) in properties)
        {
            set(name, document.RootElement.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
                ? element.Deserialize(type, Options)
                : null);
        }
    }

    /// <summary>Names a type so that <see cref="ResolveType"/> finds it again in another process: full name and assembly, no version.</summary>
    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <exception cref="InvalidDataException">No such type is loaded.</exception>
    [RequiresUnreferencedCode("Types are resolved by name.")]
    public static Type ResolveType(string name)
        => Type.GetType(name, throwOnError: false) ?? throw new InvalidDataException($"The collection schema names type '{name}', which this silo cannot load.");
}
