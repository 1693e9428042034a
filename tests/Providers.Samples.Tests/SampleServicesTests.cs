using Providers.Emulator;

namespace Providers.Samples.Tests;

public sealed class SampleServicesTests
{
    [Fact]
    public async Task A_configured_url_and_key_select_the_real_service_instead_of_the_emulator()
    {
        await using var service = await ProvidersEmulator.StartAsync();
        var environment = new Dictionary<string, string>
        {
            [SampleServices.SciBoxUrl] = service.SciBoxBaseUrl.ToString(),
            [SampleServices.SciBoxApiKey] = service.Options.SciBoxApiKey,
        };

        string output = await Notebooks.RunAsync("scibox-models", environment);

        Assert.Contains($"SciBox: {service.SciBoxBaseUrl} (from SCIBOX_URL)", output);
        Assert.Single(service.Requests.For(EmulatedService.SciBox));
    }

    [Fact]
    public async Task A_url_without_its_key_is_refused_naming_the_missing_variable()
    {
        await using var services = new SampleServices(TextWriter.Null, name => name == SampleServices.SciBoxUrl ? "https://llm.example" : null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.SciBoxAsync());

        Assert.Equal("SCIBOX_URL is set, so SCIBOX_API_KEY must be set too.", error.Message);
    }

    [Fact]
    public async Task The_emulator_starts_once_for_every_service_of_a_run()
    {
        await using var services = new SampleServices(TextWriter.Null, _ => null);

        var scibox = await services.SciBoxAsync();
        var colqwen = await services.ColQwenAsync();

        Assert.True(scibox.IsEmulated && colqwen.IsEmulated);
        Assert.Equal(scibox.Endpoint.Authority, colqwen.Endpoint.Authority);
    }
}
