using System.Diagnostics;

namespace Platform.Demo;

/// <summary>
/// Billed equals served for the benchmark's deployment: Inference's own usage records (what it
/// served, committed before each answer) against Billing's usage, polled until they agree and stay
/// still (the outboxes have drained). Billing may trail serving by minutes after a load run (one
/// usage message a request), so the wait goes on while billing still moves and gives up only when
/// it has stood still for <c>stall</c>, or after <c>timeout</c>. The rows clients got a 2xx for are
/// a lower bound of served: a request answered as wrk stops is served but not counted.
/// </summary>
public static class ServingBenchBilling
{
    public static async Task<int> CheckAsync(
        PlatformClient client, ServingBenchState state, long answeredRows, TimeSpan stall, TimeSpan timeout, TextWriter output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var lastMove = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        long served, billed, previousServed = -1, previousBilled = -1;
        while (true)
        {
            served = (await client.ServedUsageAsync(state.TenantId, state.Deployment, ct))["predictions"]!.GetValue<long>();
            var usage = await client.UsageAsync(state.TenantId, ct);
            billed = usage["deployments"]!.AsArray().FirstOrDefault(d => d!["deployment"]!.GetValue<string>() == state.Deployment)?["predictions"]!.GetValue<long>() ?? 0;
            if (served == billed && served == previousServed) break;
            if (billed != previousBilled || served != previousServed) lastMove.Restart();
            if (lastMove.Elapsed > stall || clock.Elapsed > timeout) break;
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine($"  billing has applied {billed:N0} of {served:N0} served predictions after {clock.Elapsed.TotalSeconds:F0} s");
            }
            (previousServed, previousBilled) = (served, billed);
            await Task.Delay(1000, ct);
        }

        var agree = served == billed;
        var complete = served >= answeredRows;
        output.WriteLine($"billed == served: {(agree ? "yes" : "NO")} — served {served:N0} predictions (Inference), billed {billed:N0} (Billing), " +
                         $"after waiting {clock.Elapsed.TotalSeconds:F0} s; clients got a 2xx for {answeredRows:N0} rows" +
                         (agree ? "" : $" (billing stood still for {lastMove.Elapsed.TotalSeconds:F0} s)") +
                         (complete ? "" : " — MORE than Inference recorded as served"));
        return agree && complete ? 0 : 1;
    }
}
