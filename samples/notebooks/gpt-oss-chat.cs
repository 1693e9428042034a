// SV Ray cluster: chat with gpt-oss-20b, a reasoning model served by vLLM. Its reasoning comes back apart from
// the answer, as TextReasoningContent (seed: sv-ray-cluster-and-inference.md, section 1.3).
//
//   SV_RAY_URL  the cluster's base URL, e.g. http://10.0.10.51:8123 (unset: the in-process emulator)
//
//   dotnet run samples/notebooks/gpt-oss-chat.cs
#:project ../../src/Providers.SvRay/Providers.SvRay.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using Microsoft.Extensions.AI;
using Providers.Samples;
using Providers.SvRay;

await using var services = new SampleServices(Console.Out);
var cluster = await services.SvRayAsync();
using IChatClient client = new SvRayChatClient(new SvRayChatOptions { Endpoint = cluster.Endpoint });

ChatMessage[] messages =
[
    new(ChatRole.System, "Sunlight is scattered by air molecules, and blue light is scattered far more than red light."),
    new(ChatRole.User, "Why is the sky blue?"),
];
var options = new ChatOptions { MaxOutputTokens = 500, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };
var response = await client.GetResponseAsync(messages, options);

var reasoning = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text);
Console.WriteLine($"reasoning: {string.Concat(reasoning)}");
Console.WriteLine($"answer:    {response.Text}");
