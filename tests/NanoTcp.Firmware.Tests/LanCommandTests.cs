using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>The LAN shell commands (dhcp, nslookup, date, ping by name, ifconfig's address source).</summary>
    [TestClass]
    public sealed class LanCommandTests
    {
        [TestMethod]
        public void Dhcp_nslookup_date_and_ping_by_name_explain_what_is_missing_on_a_static_board()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            StringAssert.Contains(shell.Command("dhcp"), "dhcp: off (static address");
            StringAssert.Contains(shell.Command("nslookup printer.lan"), "nslookup: no DNS server");
            StringAssert.Contains(shell.Command("nslookup bad..name"), "nslookup: not a valid host name");
            StringAssert.Contains(shell.Command("nslookup 192.0.2.9"), "Address: 192.0.2.9");
            StringAssert.Contains(shell.Command("date"), "date: SNTP is off");
            StringAssert.Contains(shell.Command("ping printer.lan"), "ping: no DNS server");
            StringAssert.Contains(shell.Command("ifconfig"), "(static)");
        }

        [TestMethod]
        public void Without_a_DHCP_server_the_board_falls_back_to_its_static_address_and_keeps_selecting()
        {
            var bench = new Bench(s => { s.Dhcp = true; s.DhcpFallbackMs = 1; });
            var shell = TelnetClient.LoggedIn(bench);
            StringAssert.Contains(shell.Command("dhcp"), "state SELECTING");
            StringAssert.Contains(shell.Command("ifconfig"), "(static fallback, no DHCP server answered)");
        }

        [TestMethod]
        public void Date_prints_UTC_in_the_proleptic_Gregorian_calendar()
        {
            var text = new AsciiWriter(64);
            DateCommand.WriteUtc(text, 0);
            text.Write("|");
            DateCommand.WriteUtc(text, 951782400000);   // 2000-02-29 00:00:00 (a leap day of a 400-year year)
            text.Write("|");
            DateCommand.WriteUtc(text, 1796191261000);  // 2026-12-02 06:01:01
            Assert.AreEqual("1970-01-01 00:00:00|2000-02-29 00:00:00|2026-12-02 06:01:01",
                System.Text.Encoding.ASCII.GetString(text.Buffer, 0, text.Count));
        }
    }
}
