namespace Providers.Spirit.Tests.Webhooks;

public sealed class SpiritWebhookRegistryTests
{
    [Fact]
    public async Task A_delivery_completes_every_waiter_of_its_job()
    {
        var registry = new SpiritWebhookRegistry();
        var first = registry.WaitAsync("job", CancellationToken.None);
        var second = registry.WaitAsync("job", CancellationToken.None);

        bool heard = registry.Deliver(Delivery("job"));

        Assert.True(heard);
        Assert.Same(await first, await second);
        Assert.Equal(0, registry.UnclaimedCount);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_nothing_behind_so_a_later_delivery_is_kept()
    {
        var registry = new SpiritWebhookRegistry();
        using var cancellation = new CancellationTokenSource();
        var waiting = registry.WaitAsync("job", cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        bool heard = registry.Deliver(Delivery("job"));

        Assert.False(heard);
        Assert.Equal(1, registry.UnclaimedCount);
    }

    [Fact]
    public async Task Deliveries_over_the_memory_budget_drop_the_oldest_first()
    {
        var registry = new SpiritWebhookRegistry(unclaimedBudgetBytes: 1600);

        foreach (string id in new[] { "a", "b", "c" })
        {
            registry.Deliver(Delivery(id, bodyBytes: 500));
        }

        Assert.Equal(2, registry.UnclaimedCount);
        Assert.Equal("c", (await registry.WaitAsync("c", CancellationToken.None)).RequestId);
        Assert.Equal("b", (await registry.WaitAsync("b", CancellationToken.None)).RequestId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => registry.WaitAsync("a", timeout.Token));
    }

    [Fact]
    public async Task A_repeated_delivery_replaces_the_kept_one()
    {
        var registry = new SpiritWebhookRegistry();

        registry.Deliver(Delivery("job"));
        registry.Deliver(Delivery("job", statusCode: 500));

        Assert.Equal(1, registry.UnclaimedCount);
        Assert.Equal(500, (await registry.WaitAsync("job", CancellationToken.None)).StatusCode);
    }

    [Fact]
    public void Signing_keeps_the_webhooks_query_and_adds_the_signature_after_it()
    {
        var registry = new SpiritWebhookRegistry();

        var signed = registry.Sign(new Uri("https://app.example/spirit/webhook?tenant=a"));

        Assert.StartsWith("https://app.example/spirit/webhook?tenant=a&sig=", signed.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(registry.IsSigned(signed.Query[(signed.Query.IndexOf("sig=", StringComparison.Ordinal) + 4)..]));
    }

    [Fact]
    public void Registries_with_the_same_secret_accept_each_others_signature_without_carrying_the_secret()
    {
        const string Secret = "shared-webhook-secret";
        var webhook = new Uri("https://app.example/spirit/webhook");

        var signed = new SpiritWebhookRegistry(secret: Secret).Sign(webhook);
        string signature = signed.Query["?sig=".Length..];

        Assert.True(new SpiritWebhookRegistry(secret: Secret).IsSigned(signature));
        Assert.False(new SpiritWebhookRegistry(secret: "another-secret").IsSigned(signature));
        Assert.DoesNotContain(Secret, signed.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_secret_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpiritWebhookRegistry(secret: " "));

        Assert.Equal("secret", error.ParamName);
    }

    private static SpiritWebhookDelivery Delivery(string id, int bodyBytes = 2, int statusCode = 200) =>
        new(id, statusCode, new byte[bodyBytes], "application/json");
}
