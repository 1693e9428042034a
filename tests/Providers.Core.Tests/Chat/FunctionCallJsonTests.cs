using System.Text.Json;
using Providers.Core.Chat;

namespace Providers.Core.Tests.Chat;

public sealed class FunctionCallJsonTests
{
    [Fact]
    public void Gives_a_string_result_as_it_is()
    {
        Assert.Equal("22 °C and \"sunny\"", FunctionCallJson.ResultText("22 °C and \"sunny\""));
        Assert.Equal("sunny", FunctionCallJson.ResultText(JsonDocument.Parse("\"sunny\"").RootElement));
    }

    [Fact]
    public void Gives_any_other_result_as_compact_json()
    {
        Assert.Equal("""{"city":"Oslo","temperature":-3}""", FunctionCallJson.ResultText(new Dictionary<string, object?> { ["city"] = "Oslo", ["temperature"] = -3 }));
    }

    [Fact]
    public void Gives_no_result_as_empty_text()
    {
        Assert.Equal(string.Empty, FunctionCallJson.ResultText(null));
    }
}
