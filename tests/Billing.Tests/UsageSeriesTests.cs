using Platform.Billing.Domain;
using Platform.Contracts.Inference;

namespace Platform.Billing.Tests;

public sealed class UsageSeriesTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Nine = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static UsageRecord Usage(long predictions, DateTimeOffset windowStart, Guid? tenant = null, string deployment = "churn") =>
        UsageRecord.From(
            new PredictionsServed(tenant ?? Tenant, Guid.NewGuid(), Guid.NewGuid(), deployment, Guid.NewGuid(), predictions, windowStart, windowStart.AddSeconds(5)),
            windowStart);

    private static UsageSeries Series(string bucket, string from, string to)
    {
        Assert.Null(UsageSeries.TryCreate(bucket, from, to, Nine, out var series));
        return series!;
    }

    private static IReadOnlyList<UsagePoint> Points(UsageSeries series, params UsageRecord[] ledger) =>
        series.Points(ledger.AsQueryable().PerBucket(Tenant, series).ToList());

    [Fact]
    public void Every_bucket_gets_a_point_and_buckets_without_usage_are_zero()
    {
        var points = Points(Series("hour", "2026-11-24T09:00:00Z", "2026-11-24T13:00:00Z"),
            Usage(5, Nine.AddMinutes(10)),
            Usage(7, Nine.AddMinutes(50), deployment: "credit-risk"),
            Usage(11, Nine.AddHours(2)));

        Assert.Equal(
            [new(Nine, 12), new(Nine.AddHours(1), 0), new(Nine.AddHours(2), 11), new(Nine.AddHours(3), 0)],
            points);
    }

    [Fact]
    public void The_series_starts_at_the_start_of_the_bucket_from_falls_in()
    {
        var series = Series("hour", "2026-11-24T09:30:00Z", "2026-11-24T11:00:00Z");
        var points = Points(series, Usage(3, Nine.AddMinutes(10)));

        Assert.Equal(Nine, series.From);
        Assert.Equal([new(Nine, 3), new(Nine.AddHours(1), 0)], points);
    }

    [Fact]
    public void Usage_at_a_bucket_start_is_in_that_bucket_and_usage_at_to_is_not_counted()
    {
        var points = Points(Series("minute", "2026-11-24T09:00:00Z", "2026-11-24T09:02:00Z"),
            Usage(1, Nine),
            Usage(2, Nine.AddMinutes(1).AddTicks(-1)),
            Usage(4, Nine.AddMinutes(1)),
            Usage(8, Nine.AddMinutes(2).AddTicks(-1)),
            Usage(16, Nine.AddMinutes(2)),
            Usage(32, Nine.AddTicks(-1)));

        Assert.Equal([new(Nine, 3), new(Nine.AddMinutes(1), 12)], points);
    }

    [Fact]
    public void A_to_inside_a_bucket_ends_the_series_with_that_bucket_cut_short()
    {
        var series = Series("hour", "2026-11-24T09:00:00Z", "2026-11-24T10:15:00Z");
        var points = Points(series, Usage(1, Nine.AddMinutes(70)), Usage(2, Nine.AddMinutes(75)));

        Assert.Equal([new(Nine, 0), new(Nine.AddHours(1), 1)], points);
    }

    [Fact]
    public void Days_start_at_midnight_utc_whatever_offset_from_is_given_in()
    {
        var series = Series("day", "2026-11-24T00:30:00+01:00", "2026-11-25T00:00:00Z"); // 23:30 UTC on the 23rd
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), series.From);
        Assert.Equal(2, series.Count);
    }

    [Fact]
    public void Other_tenants_usage_is_not_counted() =>
        Assert.Equal([new(Nine, 1)], Points(Series("hour", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z"),
            Usage(1, Nine), Usage(2, Nine, tenant: Guid.NewGuid())));

    [Fact]
    public void Without_parameters_the_series_is_hourly_and_ends_now_60_buckets_after_it_starts()
    {
        Assert.Null(UsageSeries.TryCreate(null, null, null, Nine.AddMinutes(20), out var series));

        Assert.Equal(UsageBucket.Hour, series!.Bucket);
        Assert.Equal(Nine.AddMinutes(20), series.To);
        Assert.Equal(Nine.AddHours(-60), series.From);
        Assert.Equal(61, series.Count); // 60 whole hours and the current one so far
    }

    [Theory]
    [InlineData("week", null, null, "bucket")]
    [InlineData(null, "yesterday", null, "from")]
    [InlineData(null, null, "24/11/2026", "to")]
    [InlineData(null, "2026-11-24T09:00:00Z", "2026-11-24T09:00:00Z", "from")]
    [InlineData(null, "2026-11-24T10:00:00Z", "2026-11-24T09:00:00Z", "from")]
    [InlineData("minute", "2026-11-24T00:00:00Z", "2026-11-24T16:40:01Z", "from")] // 1,001 minutes
    public void A_series_request_names_the_field_at_fault(string? bucket, string? from, string? to, string field) =>
        Assert.Equal(field, UsageSeries.TryCreate(bucket, from, to, Nine, out _)?.Field);

    [Fact]
    public void A_series_of_exactly_the_maximum_number_of_buckets_is_allowed() =>
        Assert.Equal(UsageSeries.MaxBuckets, Series("minute", "2026-11-24T00:00:00Z", "2026-11-24T16:40:00Z").Count);
}
