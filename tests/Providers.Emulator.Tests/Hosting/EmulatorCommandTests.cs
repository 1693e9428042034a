using System.Net;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Tests.Hosting;

public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Prints_every_services_base_url_and_the_credentials_to_use()
    {
        using var output = new StringWriter();
        var (app, exitCode) = await EmulatorCommand.StartAsync(["--urls", "http://127.0.0.1:0", "--Emulator:SciBoxApiKey=sk-from-the-command-line"], output, TextWriter.Null);
        await using var running = app!;
        var lines = output.ToString().Split(Environment.NewLine);

        var scibox = Assert.Single(lines, l => l.StartsWith("SciBox ", StringComparison.Ordinal));
        var baseUrl = new Uri(scibox.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", scibox[scibox.IndexOf("Authorization: ", StringComparison.Ordinal)..]["Authorization: ".Length..]);
        var models = await client.GetAsync("v1/models");

        Assert.Equal(0, exitCode);
        Assert.All(["SvRay", "SvInference", "SciBox", "ColQwen", "Spirit", "Ovms"], name => Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal)));
        Assert.EndsWith("Authorization: Bearer sk-from-the-command-line", scibox, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Spirit ", StringComparison.Ordinal) && l.Contains("proxy: Authorization: emulator-serverless-spirit-emulator-key", StringComparison.Ordinal));
        Assert.Equal("127.0.0.1", baseUrl.Host);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Fact]
    public async Task Lists_the_options_and_the_fault_syntax_for_help()
    {
        using var output = new StringWriter();

        var (app, exitCode) = await EmulatorCommand.StartAsync(["--help"], output, TextWriter.Null);

        Assert.Null(app);
        Assert.Equal(0, exitCode);
        Assert.All(["--urls", "--fault SERVICE[/ROUTE]:SPEC", "--Emulator:NAME=VALUE", "status=CODE", "reset=N", "rate-limit=CAPACITY/PER_SECOND", "x-emulator-fault"],
            text => Assert.Contains(text, output.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5100")]
    [InlineData("http://192.168.1.10:5100")]
    public async Task Refuses_an_address_off_loopback_with_exit_code_2(string url)
    {
        using var error = new StringWriter();

        var (app, exitCode) = await EmulatorCommand.StartAsync(["--urls", url], TextWriter.Null, error);

        Assert.Null(app);
        Assert.Equal(2, exitCode);
        Assert.Contains($"'{url}' is not a loopback URL", error.ToString(), StringComparison.Ordinal);
    }
}
