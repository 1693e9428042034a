using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Providers.Core.Tests.Json;

public sealed partial class AdditionalPropertiesJsonTests
{
    [Fact]
    public void Passes_properties_through_as_json_fields()
    {
        var body = new Body { Model = "m" };

        var json = AdditionalPropertiesJson.ToJson(new() { ["top_k"] = 5, ["user"] = "u-1", ["stop"] = null }, body, TestJsonContext.Default.Body);

        Assert.Equal("""{"model":"m","top_k":5,"user":"u-1","stop":null}""", Serialize(body, json));
    }

    [Fact]
    public void Refuses_a_property_that_repeats_a_field_the_body_sets()
    {
        var body = new Body { Model = "m" };

        var error = Assert.Throws<ArgumentException>(() =>
            AdditionalPropertiesJson.ToJson(new() { ["model"] = "other" }, body, TestJsonContext.Default.Body));

        Assert.Contains("AdditionalProperties['model'] would repeat the request field 'model'", error.Message);
    }

    [Fact]
    public void Lets_a_property_fill_a_field_the_body_leaves_unset()
    {
        var body = new Body();

        var json = AdditionalPropertiesJson.ToJson(new() { ["model"] = "from-property" }, body, TestJsonContext.Default.Body);

        Assert.Equal("""{"model":"from-property"}""", Serialize(body, json));
    }

    [Fact]
    public void Leaves_out_properties_the_caller_has_turned_into_fields()
    {
        var body = new Body { Model = "m", IsQuery = true };

        var json = AdditionalPropertiesJson.ToJson(new() { ["is_query"] = true, ["truncate"] = 64 }, body, TestJsonContext.Default.Body, "is_query");

        Assert.Equal("""{"model":"m","is_query":true,"truncate":64}""", Serialize(body, json));
    }

    [Fact]
    public void Gives_no_fields_for_no_properties()
    {
        Assert.Null(AdditionalPropertiesJson.ToJson(null, new Body(), TestJsonContext.Default.Body));
        Assert.Null(AdditionalPropertiesJson.ToJson(new AdditionalPropertiesDictionary(), new Body(), TestJsonContext.Default.Body));
    }

    private static string Serialize(Body body, Dictionary<string, JsonElement>? extra)
    {
        body.Extra = extra;
        return JsonSerializer.Serialize(body, TestJsonContext.Default.Body);
    }

    internal sealed class Body
    {
        [JsonPropertyName("model")]
        public string? Model { get; set; }

        [JsonPropertyName("is_query")]
        public bool? IsQuery { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }

    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(Body))]
    internal sealed partial class TestJsonContext : JsonSerializerContext;
}
