namespace Platform.Billing.Domain;

/// <summary>One deployment's usage records and predictions in the UTC hour starting at <see cref="HourStart"/>.</summary>
public sealed record HourlyUsage(string DeploymentName, DateTimeOffset HourStart, long UsageRecords, long Predictions)
{
    public static HourlyUsage None(string deploymentName, DateTimeOffset hourStart) => new(deploymentName, hourStart, 0, 0);
}
