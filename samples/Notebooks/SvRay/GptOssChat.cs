// SV Ray cluster: chat with gpt-oss-20b, a reasoning model served by vLLM. Its reasoning comes back apart from
// the answer, as TextReasoningContent (seed: sv-ray-cluster-and-inference.md, section 1.3).
//
//   SV_RAY_URL  the cluster's base URL, e.g. http://10.0.10.51:8123 (unset: the in-process emulator)
//
//   dotnet run --project samples/Notebooks -- gpt-oss-chat

using Microsoft.Extensions.AI;
using Providers.SvRay;

namespace Providers.Samples.Notebooks.SvRay;

internal static class GptOssChat
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var cluster = await services.SvRayAsync(cancellationToken);
        using IChatClient client = new SvRayChatClient(new SvRayChatOptions { Endpoint = cluster.Endpoint });

        ChatMessage[] messages =
        [
            new(ChatRole.System, "Sunlight is scattered by air molecules, and blue light is scattered far more than red light."),
            new(ChatRole.User, "Why is the sky blue?"),
        ];
        var options = new ChatOptions { MaxOutputTokens = 500, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };
        var response = await client.GetResponseAsync(messages, options, cancellationToken);

        var reasoning = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text);
        output.WriteLine($"reasoning: {string.Concat(reasoning)}");
        output.WriteLine($"answer:    {response.Text}");
    }
}
