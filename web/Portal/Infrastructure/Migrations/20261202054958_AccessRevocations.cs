using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Portal.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AccessRevocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Organization names are unique whatever their case (the sign-up checks first; this settles races).
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_tenants_name_lower" ON tenants (lower("Name"));""");

            migrationBuilder.CreateTable(
                name: "revoked_credentials",
                columns: table => new
                {
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revoked_credentials", x => x.Subject);
                });

            migrationBuilder.CreateIndex(
                name: "IX_revoked_credentials_RevokedAt",
                table: "revoked_credentials",
                column: "RevokedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_tenants_name_lower";""");

            migrationBuilder.DropTable(
                name: "revoked_credentials");
        }
    }
}
