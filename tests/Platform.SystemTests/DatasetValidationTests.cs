using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>Bad uploads get problem details naming the row, the column and the reason, and leave nothing behind.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DatasetValidationTests(PlatformFixture platform)
{
    public static TheoryData<string, string, int?, string> BadFiles => new()
    {
        { "a,b,c\n1,2,3\n4,5\n", "file", 3, "fields" },                 // ragged: the third line has two of three fields
        { "a,b\n1,\"unterminated\n", "b", 2, "quote" },                  // bad quoting
        { "", "file", null, "empty" },                                   // empty file
        { "a,,c\n1,2,3\n", "file", 1, "header" },                       // a blank column name: no usable header
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_malformed_csv_is_rejected_with_its_row_and_column_and_nothing_is_kept(string csv, string field, int? row, string reasonWord)
    {
        var tenant = await platform.RegisterTenantAsync();
        var response = await UploadAsync(tenant, "bad", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(field, problem["field"]?.GetValue<string>());
        if (row is not null) Assert.Equal(row, problem["row"]?.GetValue<int>());
        Assert.Contains(reasonWord, problem["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await AssertNothingKeptAsync(tenant, "bad");
    }

    [Fact]
    public async Task Invalid_utf8_is_rejected_naming_the_row()
    {
        var tenant = await platform.RegisterTenantAsync();
        byte[] csv = [.. "name,city\nann,paris\nbob,"u8, 0xC3, 0x28, .. "\n"u8];
        var response = await UploadAsync(tenant, "latin", csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(3, problem["row"]?.GetValue<int>());
        Assert.Contains("UTF-8", problem["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await AssertNothingKeptAsync(tenant, "latin");
    }

    [Fact]
    public async Task A_target_column_that_does_not_exist_is_named_in_the_error()
    {
        var tenant = await platform.RegisterTenantAsync();
        var csv = await File.ReadAllBytesAsync(PlatformApi.SamplePath("finance-credit.csv"));
        var response = await UploadAsync(tenant, "credit", csv, target: "Defaulted");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Defaulted", problem["field"]?.GetValue<string>());
        await AssertNothingKeptAsync(tenant, "credit");
    }

    [Fact]
    public async Task A_valid_upload_keeps_its_schema_and_profile()
    {
        var tenant = await platform.RegisterTenantAsync();
        var csv = await File.ReadAllBytesAsync(PlatformApi.SamplePath("finance-credit.csv"));
        var response = await UploadAsync(tenant, "credit", csv, target: "Status");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var profile = await GetAsync(tenant, "/api/datasets/credit/versions/1/profile");
        var text = profile.ToJsonString();
        Assert.Contains("Income", text);
        Assert.Contains("Status", text);
        Assert.Contains("4454", text); // the row count of the file
    }

    [Fact]
    public async Task Personal_data_in_an_upload_is_listed_in_its_profile_masked_and_its_values_are_not_shown()
    {
        var tenant = await platform.RegisterTenantAsync();
        var csv = new System.Text.StringBuilder("customer_name,email,card,note,spend\n");
        string[] names = ["Maria Garcia", "John Smith", "Aisha Khan"];
        for (var i = 0; i < 30; i++)
            csv.Append($"{names[i % 3]},{names[i % 3].ToLowerInvariant().Replace(' ', '.')}{i}@example.com,4111 1111 1111 1111,\"call +31 6 1234 56{i:D2} after 5pm\",{100 + i}\n");

        var response = await UploadAsync(tenant, "customers", System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var profile = await GetAsync(tenant, "/api/datasets/customers/versions/1/profile");
        var columns = profile["columns"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["personalData"]?.AsArray());
        string Kinds(string column) => string.Join(",", columns[column]?.Select(f => $"{f!["kind"]}×{f["values"]}") ?? []);
        Assert.Equal("person-name×30", Kinds("customer_name"));
        Assert.Equal("email×30", Kinds("email"));
        Assert.Equal("payment-card×30", Kinds("card"));
        Assert.Equal("phone×30", Kinds("note"));
        Assert.Equal("", Kinds("spend"));
        var text = profile.ToJsonString();
        Assert.Contains("**** **** **** 1111", text);
        foreach (var raw in new[] { "Maria", "Garcia", "maria.garcia0", "4111 1111 1111 1111", "1234 5600" }) Assert.DoesNotContain(raw, text);
    }

    private async Task AssertNothingKeptAsync(Guid tenant, string dataset)
    {
        var listed = await GetAsync(tenant, "/api/datasets");
        Assert.DoesNotContain(listed.AsArray(), d => d!["name"]!.GetValue<string>() == dataset);
        var staging = Path.Combine(platform.ArtifactsFolder, "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging).Length == 0, "a staged upload was left behind");
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid tenant, string dataset, byte[] body, string? target = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var path = $"/api/datasets/{dataset}/versions" + (target is null ? "" : $"?target={target}");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        await platform.AuthorizeAsync(request, tenant);
        return await platform.Client(ResourceNames.Ingestion).SendAsync(request);
    }

    private async Task<JsonNode> GetAsync(Guid tenant, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        await platform.AuthorizeAsync(request, tenant);
        var response = await platform.Client(ResourceNames.Ingestion).SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
