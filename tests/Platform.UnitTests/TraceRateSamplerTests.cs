using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.UnitTests;

/// <summary>
/// Every host keeps every trace a caller began and kept, and at most a set number of new traces a
/// second: at a person's pace nothing is dropped, under load the dashboard gets a steady sample (ADR 36).
/// </summary>
public sealed class TraceRateSamplerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void New_traces_beyond_the_rate_are_dropped_and_the_budget_refills_with_time()
    {
        var sampler = Sampler(perSecond: 100);

        Assert.Equal(100, Roots(sampler, 150));   // a second's worth at once, then nothing
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(25, Roots(sampler, 50));     // a quarter of a second refills a quarter
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(100, Roots(sampler, 150));   // an idle spell never banks more than one second
    }

    [Fact]
    public void At_a_person_s_pace_every_new_trace_is_kept()
    {
        var sampler = Sampler(perSecond: 100);
        var kept = 0;
        for (var i = 0; i < 1_000; i++)
        {
            kept += Roots(sampler, 1);
            _time.Advance(TimeSpan.FromMilliseconds(20)); // 50 a second
        }
        Assert.Equal(1_000, kept);
    }

    [Fact]
    public void A_trace_a_caller_kept_is_kept_whole_even_past_the_rate_and_one_it_dropped_is_not_begun_here()
    {
        var sampler = Sampler(perSecond: 100);
        Assert.Equal(100, Roots(sampler, 100)); // the budget is spent

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Child(ActivityTraceFlags.Recorded)).Decision);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Child(ActivityTraceFlags.None)).Decision);
    }

    [Fact]
    public void A_rate_of_zero_keeps_every_trace()
    {
        var sampler = Sampler(perSecond: 0);
        Assert.Equal(10_000, Roots(sampler, 10_000));
    }

    private Sampler Sampler(double perSecond) => TelemetryExtensions.TracesSampler(
        new ConfigurationBuilder().AddInMemoryCollection([new("Telemetry:MaxTracesPerSecond", perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture))]).Build(),
        _time);

    private static int Roots(Sampler sampler, int count) =>
        Enumerable.Range(0, count).Count(_ => sampler.ShouldSample(
            new SamplingParameters(default, ActivityTraceId.CreateRandom(), "POST /predict", ActivityKind.Server)).Decision == SamplingDecision.RecordAndSample);

    private static SamplingParameters Child(ActivityTraceFlags flags)
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, isRemote: true);
        return new SamplingParameters(parent, parent.TraceId, "POST /predict", ActivityKind.Server);
    }
}
