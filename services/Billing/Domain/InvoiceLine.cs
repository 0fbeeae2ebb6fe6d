namespace Platform.Billing.Domain;

public sealed record InvoiceLine(string DeploymentName, Guid ModelVersionId, long Predictions, decimal UnitPricePer1000, decimal Amount)
{
    public static InvoiceLine Price(string deploymentName, Guid modelVersionId, long predictions, Plan plan) =>
        new(deploymentName, modelVersionId, predictions, plan.PricePer1000, Pricing.LineAmount(predictions, plan.PricePer1000));
}
