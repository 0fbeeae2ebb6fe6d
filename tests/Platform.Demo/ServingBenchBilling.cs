using System.Diagnostics;

namespace Platform.Demo;

/// <summary>
/// Billed equals served for the benchmark's deployment: Inference's own usage records (what it
/// served, committed before each answer) against Billing's usage, polled until they agree and stay
/// still (the outboxes have drained), or until the timeout. The rows wrk counted as answered with
/// a 2xx are a lower bound of served: a request answered as wrk stopped is served but not counted.
/// </summary>
public static class ServingBenchBilling
{
    public static async Task<int> CheckAsync(PlatformClient client, ServingBenchState state, long answeredRows, TimeSpan timeout, TextWriter output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        long served = -1, billed = -1, previousServed = -2;
        while (true)
        {
            served = (await client.ServedUsageAsync(state.TenantId, state.Deployment, ct))["predictions"]!.GetValue<long>();
            var usage = await client.UsageAsync(state.TenantId, ct);
            billed = usage["deployments"]!.AsArray().FirstOrDefault(d => d!["deployment"]!.GetValue<string>() == state.Deployment)?["predictions"]!.GetValue<long>() ?? 0;
            if (served == billed && served == previousServed) break;
            if (clock.Elapsed > timeout) break;
            previousServed = served;
            await Task.Delay(1000, ct);
        }

        var agree = served == billed;
        var complete = served >= answeredRows;
        output.WriteLine($"billed == served: {(agree ? "yes" : "NO")} — served {served:N0} predictions (Inference), billed {billed:N0} (Billing), " +
                         $"after {clock.Elapsed.TotalSeconds:F0} s; clients got a 2xx for {answeredRows:N0} rows" +
                         (complete ? "" : " — MORE than Inference recorded as served"));
        return agree && complete ? 0 : 1;
    }
}
