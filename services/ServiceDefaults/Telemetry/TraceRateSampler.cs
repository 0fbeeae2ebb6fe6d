using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Starts at most <c>perSecond</c> new traces a second in this process (a token bucket holding one
/// second's worth), and drops the roots beyond it. At a person's pace every trace is kept; under load
/// the dashboard gets a steady sample instead of every request. Used as the root of a
/// <see cref="ParentBasedSampler"/>, so a trace begun and kept elsewhere is kept here too, whole (ADR 36).
/// </summary>
public sealed class TraceRateSampler : Sampler
{
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _refilled;

    public TraceRateSampler(double perSecond, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _time = time ?? TimeProvider.System;
        _tokens = perSecond;
        _refilled = _time.GetTimestamp();
        Description = $"TraceRateSampler{{{perSecond}/s}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_perSecond, _tokens + _time.GetElapsedTime(_refilled, now).TotalSeconds * _perSecond);
            _refilled = now;
            if (_tokens < 1) return new SamplingResult(SamplingDecision.Drop);
            _tokens -= 1;
            return new SamplingResult(SamplingDecision.RecordAndSample);
        }
    }
}
