using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Training.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AccessRevocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
            migrationBuilder.DropTable(
                name: "revoked_credentials");
        }
    }
}
