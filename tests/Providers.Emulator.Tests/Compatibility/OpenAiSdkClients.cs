using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace Providers.Emulator.Tests.Compatibility;

/// <summary>Official OpenAI SDK clients pointed at an emulated service's <c>v1</c>.</summary>
internal static class OpenAiSdkClients
{
    public static OpenAIClient For(ProvidersEmulator emulator, EmulatedService service)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(emulator.ServiceUrl(service), "v1"), NetworkTimeout = TimeSpan.FromSeconds(30) };
        var key = service switch
        {
            EmulatedService.SciBox => emulator.Options.SciBoxApiKey,
            EmulatedService.Spirit => emulator.Options.SpiritApiKey,
            _ => "EMPTY",
        };
        if (service == EmulatedService.Spirit)
        {
            // Spirit's proxy mode takes "{serverlessId}-{apiKey}" with no "Bearer".
            options.AddPolicy(new AuthorizationOverride($"{emulator.Options.SpiritServerlessId}-{emulator.Options.SpiritApiKey}"), PipelinePosition.BeforeTransport);
        }

        return new OpenAIClient(new ApiKeyCredential(key), options);
    }

    private sealed class AuthorizationOverride(string value) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("Authorization", value);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("Authorization", value);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
