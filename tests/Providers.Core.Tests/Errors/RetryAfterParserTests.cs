using System.Globalization;

namespace Providers.Core.Tests.Errors;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("3", 3_000)]
    [InlineData("37.52", 37_520)]
    [InlineData(" 0.2 ", 200)]
    [InlineData("0", 0)]
    [InlineData("-5", 0)]
    public void Reads_seconds_as_an_integer_or_a_float_string(string value, int expectedMs)
    {
        var delay = RetryAfterParser.Parse(value, Now);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Reads_an_HTTP_date_as_the_time_left_until_it()
    {
        string date = Now.AddSeconds(90).ToString("r", CultureInfo.InvariantCulture);

        var delay = RetryAfterParser.Parse(date, Now);

        Assert.Equal(TimeSpan.FromSeconds(90), delay);
    }

    [Fact]
    public void Reads_an_HTTP_date_in_the_past_as_no_wait()
    {
        var delay = RetryAfterParser.Parse("Fri, 14 Mar 2025 11:59:00 GMT", Now);

        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData(null)]
    public void Ignores_values_it_cannot_read(string? value)
    {
        Assert.Null(RetryAfterParser.Parse(value, Now));
    }

    [Fact]
    public void Prefers_retry_after_ms_over_Retry_After()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", "10");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "250.5");

        var delay = RetryAfterParser.Parse(response.Headers, Now);

        Assert.Equal(TimeSpan.FromMilliseconds(250.5), delay);
    }

    [Fact]
    public void Reads_a_float_Retry_After_header_that_the_typed_header_parser_rejects()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", "37.52");

        var delay = RetryAfterParser.Parse(response.Headers, Now);

        Assert.Equal(TimeSpan.FromSeconds(37.52), delay);
    }

    [Fact]
    public void Finds_no_delay_in_headers_without_one()
    {
        using var response = new HttpResponseMessage();

        Assert.Null(RetryAfterParser.Parse(response.Headers, Now));
    }
}
