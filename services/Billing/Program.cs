using Platform.ServiceDefaults.Access;
using Platform.Billing.Apis;
using Platform.Billing.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddBilling();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapUsageApi();
app.MapReconciliationApi();
app.MapInvoicesApi();
app.MapPlansApi();

app.Run();
