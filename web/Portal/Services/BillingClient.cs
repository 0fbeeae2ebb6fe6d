using System.Globalization;
using Platform.Contracts.Api.Billing;

namespace Platform.Portal.Services;

/// <summary>Billing's API as the portal uses it: the signed-in member's organization's usage, invoice and plan.</summary>
public sealed class BillingClient(HttpClient http, UserAccessToken token)
{
    public async Task<PlanResponse[]> PlansAsync(CancellationToken ct = default) =>
        await http.SendAsync<PlanResponse[]>(HttpMethod.Get, "/api/plans", await token.GetAsync(ct), null, ct);

    /// <summary>The price list before anyone signs in (the sign-up page): with the portal's own token, not a member's.</summary>
    public async Task<PlanResponse[]> PlansAsync(PortalServiceToken portal, CancellationToken ct = default) =>
        await http.SendAsync<PlanResponse[]>(HttpMethod.Get, "/api/plans", await portal.GetAsync(ct), null, ct);

    public async Task<PlanResponse> PlanAsync(CancellationToken ct = default) =>
        await http.SendAsync<PlanResponse>(HttpMethod.Get, "/api/plan", await token.GetAsync(ct), null, ct);

    /// <summary>Admins only (the service refuses others with 403).</summary>
    /// <summary>The organization's quota this month: included predictions, hard cap, predictions billed, whether it is refused.</summary>
    public async Task<QuotaResponse> QuotaAsync(CancellationToken ct = default) =>
        await http.SendAsync<QuotaResponse>(HttpMethod.Get, "/api/quota", await token.GetAsync(ct), null, ct);

    public async Task<PlanResponse> ChangePlanAsync(string plan, CancellationToken ct = default) =>
        await http.SendAsync<PlanResponse>(HttpMethod.Put, "/api/plan", await token.GetAsync(ct), ServiceCalls.Body(new ChangePlanRequest(plan)), ct);

    public async Task<InvoicePreviewResponse> InvoicePreviewAsync(CancellationToken ct = default) =>
        await http.SendAsync<InvoicePreviewResponse>(HttpMethod.Get, "/api/invoices/preview", await token.GetAsync(ct), null, ct);

    /// <summary>Predictions per bucket (minute, hour or day) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<UsageSeriesResponse> SeriesAsync(string bucket, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var query = $"bucket={bucket}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        return await http.SendAsync<UsageSeriesResponse>(HttpMethod.Get, $"/api/usage/series?{query}", await token.GetAsync(ct), null, ct);
    }

    /// <summary>How billing compares with serving; a billing service built before reconciliation does not serve it.</summary>
    public async Task<ServiceAnswer<UsageReconciliationResponse>> ReconciliationAsync(CancellationToken ct = default) =>
        await http.AskAsync<UsageReconciliationResponse>("/api/usage/reconciliation", await token.GetAsync(ct), ct);

    /// <summary>Reconcile now (admins only; the service refuses others with 403).</summary>
    public async Task<UsageReconciliationRequestedResponse> RequestReconciliationAsync(CancellationToken ct = default) =>
        await http.SendAsync<UsageReconciliationRequestedResponse>(HttpMethod.Post, "/api/usage/reconciliation", await token.GetAsync(ct), null, ct);
}
