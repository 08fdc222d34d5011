using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>Shell output for known stack states.</summary>
    [TestClass]
    public sealed class ShellCommandTests
    {
        private static string Row(string table, string contains) =>
            table.Split("\r\n").FirstOrDefault(l => l.Contains(contains));

        private static int SlotOf(NetworkStack stack, int handle)
        {
            var info = new TcpConnectionInfo();
            for (int s = 0; s < stack.ConnectionSlotCount; s++)
            {
                if (stack.GetConnectionInfo(s, info) && info.Handle == handle) return s;
            }
            return -1;
        }

        [TestMethod]
        public void Netstat_shows_established_time_wait_and_close_wait_with_queues_and_slots()
        {
            var bench = new Bench(s => s.Stack.ListenerSlots = 6);
            var shell = TelnetClient.LoggedIn(bench);
            int listener = bench.Device.Listen(5000, 2);
            Assert.IsTrue(listener >= 0);

            // CLOSE-WAIT: the peer sends 3 bytes and its FIN; the device application never reads or closes.
            var closeWait = new TelnetClient(bench, 5000);
            Assert.IsTrue(closeWait.WaitEstablished());
            int d1 = -1;
            bench.RunUntil(() => (d1 = bench.Device.Accept(listener)) >= 0, 2000);
            closeWait.Send("xyz");
            closeWait.Close();

            // TIME-WAIT: the device closes first, the peer answers with its FIN.
            var timeWait = new TelnetClient(bench, 5000);
            Assert.IsTrue(timeWait.WaitEstablished());
            int d2 = -1;
            bench.RunUntil(() => (d2 = bench.Device.Accept(listener)) >= 0, 2000);
            bench.Device.Close(d2);
            Assert.IsTrue(timeWait.WaitClosed());
            timeWait.Close();
            bench.Run(500);
            Assert.AreEqual(TcpState.CloseWait, bench.Device.GetState(d1));

            string netstat = shell.Command("netstat");
            string header = Row(netstat, "Proto");
            Assert.AreEqual("Proto Recv-Q Send-Q Local Address           Foreign Address         State        Retrans Slot", header);
            string established = Row(netstat, "192.0.2.2:23 ");
            StringAssert.Matches(established, new System.Text.RegularExpressions.Regex(
                @"^tcp +0 +\d+ 192\.0\.2\.2:23 +192\.0\.2\.1:\d+ +ESTABLISHED +0 +\d+$"));
            string cw = Row(netstat, "CLOSE_WAIT");
            StringAssert.StartsWith(cw, "tcp        3      0 192.0.2.2:5000          192.0.2.1:");
            Assert.IsTrue(cw.EndsWith(" " + SlotOf(bench.Device, d1)), cw);
            string tw = Row(netstat, "TIME_WAIT");
            StringAssert.StartsWith(tw, "tcp        0      0 192.0.2.2:5000          192.0.2.1:");
            StringAssert.Contains(netstat, "tcp        0      0 0.0.0.0:23              0.0.0.0:*               LISTEN");
            Assert.AreEqual(header.IndexOf("State"), cw.IndexOf("CLOSE_WAIT"), "columns line up");
        }

        [TestMethod]
        public void Close_and_abort_by_slot_end_other_connections()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            var a = new TelnetClient(bench, 7);
            var b = new TelnetClient(bench, 7);
            Assert.IsTrue(a.WaitEstablished() && b.WaitEstablished());
            bench.Run(100);
            var info = new TcpConnectionInfo();
            int slotA = -1, slotB = -1;
            for (int s = 0; s < bench.Device.ConnectionSlotCount; s++)
            {
                if (!bench.Device.GetConnectionInfo(s, info) || info.LocalPort != 7) continue;
                var ci = new TcpConnectionInfo();
                if (slotA < 0 && info.RemotePort == PortOf(bench, a, ci)) slotA = s;
                else slotB = s;
            }
            StringAssert.Contains(shell.Command("abort " + slotA), "reset");
            Assert.IsTrue(a.WaitClosed());
            Assert.AreEqual(TcpError.ConnectionReset, a.Error);
            StringAssert.Contains(shell.Command("close " + slotB), "closing");
            Assert.IsTrue(b.WaitClosed());
            Assert.IsTrue(b.EndOfStream);
            StringAssert.Contains(shell.Command("close 0"), "that is this session");
            StringAssert.Contains(shell.Command("close 99"), "usage: close <slot>");
        }

        [TestMethod]
        public void Aborting_another_sessions_connection_frees_that_session()
        {
            var bench = new Bench();
            var a = TelnetClient.LoggedIn(bench);
            var b = TelnetClient.LoggedIn(bench);
            int slotB = SlotOf(bench.Device, bench.App.Telnet.GetSession(1).Connection);
            StringAssert.Contains(a.Command("abort " + slotB), "reset");
            Assert.IsTrue(b.WaitClosed());
            Assert.AreEqual(TcpError.ConnectionReset, b.Error);
            bench.Run(100);
            Assert.AreEqual(1, bench.App.Telnet.SessionsInUse);
            string who = a.Command("who");
            Assert.AreEqual(1, who.Split("192.0.2.1:").Length - 1, who);
        }

        private static int PortOf(Bench bench, TelnetClient c, TcpConnectionInfo info)
        {
            for (int s = 0; s < bench.Client.ConnectionSlotCount; s++)
            {
                if (bench.Client.GetConnectionInfo(s, info) && info.Handle == c.Handle) return info.LocalPort;
            }
            return -1;
        }

        [TestMethod]
        public void Ifconfig_and_arp_show_addresses_link_and_the_peer()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            string ifconfig = shell.Command("ifconfig");
            StringAssert.Contains(ifconfig, "eth0: flags=UP,BROADCAST,RUNNING  mtu 1500");
            StringAssert.Contains(ifconfig, "inet 192.0.2.2  netmask 255.255.255.0  broadcast 192.0.2.255");
            StringAssert.Contains(ifconfig, "ether 02:4e:54:00:00:02");
            StringAssert.Contains(ifconfig, "link up  10Mb/s  full-duplex  driver memory wire");
            string arp = shell.Command("arp");
            StringAssert.Contains(arp, "192.0.2.1                ether   02:00:00:00:00:01   C");
        }

        [TestMethod]
        public void Ping_prints_rtts_and_summary_and_reports_loss()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            string ok = shell.Command("ping 192.0.2.1 3", 10000);
            StringAssert.Contains(ok, "PING 192.0.2.1: 56 data bytes");
            for (int i = 1; i <= 3; i++) StringAssert.Contains(ok, "64 bytes from 192.0.2.1: icmp_seq=" + i + " time=");
            StringAssert.Contains(ok, "3 packets transmitted, 3 received, 0% packet loss");
            StringAssert.Contains(ok, "rtt min/avg/max = ");
            string lost = shell.Command("ping 192.0.2.99 2", 10000);
            StringAssert.Contains(lost, "2 packets transmitted, 0 received, 100% packet loss");
            StringAssert.Contains(shell.Command("ping"), "usage: ping <host> [count]");
            StringAssert.Contains(shell.Command("ping 192.0.2"), "ping: not a valid host name");
            StringAssert.Contains(shell.Command("ping 192.0.2.1 0"), "usage:");
            StringAssert.Contains(shell.Command("ping 255.255.255.255"), "not a unicast address");
        }

        [TestMethod]
        public void Unknown_command_gets_one_error_line()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            Assert.AreEqual("frobnicate\r\nunknown command: frobnicate (try 'help')\r\nnanotcp> ", shell.Command("frobnicate"));
            Assert.AreEqual("\r\nnanotcp> ", shell.Command(""));
            Assert.AreEqual("reboot\r\nunknown command: reboot (try 'help')\r\nnanotcp> ", shell.Command("reboot"),
                "reboot is device-only");
        }

        [TestMethod]
        public void Stats_mem_uptime_and_who()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            string stats = shell.Command("stats");
            StringAssert.Contains(stats, "stack:");
            StringAssert.Contains(stats, "tcp_connections_established");
            StringAssert.Contains(stats, "drops:");
            StringAssert.Contains(stats, "tcp_checksum");
            StringAssert.Contains(stats, "wire_frames");
            StringAssert.Matches(stats, new System.Text.RegularExpressions.Regex(@"\r\n  logins +1\r\n"));
            string mem = shell.Command("mem");
            StringAssert.Contains(mem, "tcp slots:   1 used of 8");
            StringAssert.Contains(mem, "telnet:      1 used of 2");
            StringAssert.Contains(mem, "heap:        60000 B free of 100000 B");
        }

        [TestMethod]
        public void Uptime_counts_from_boot()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            bench.Platform.BootTimeMs = bench.Now - 90_061_000;
            StringAssert.Contains(shell.Command("uptime"), "up 1 day, 01:01:01,  1 session");
            StringAssert.Contains(shell.Command("who"), "192.0.2.1:");
        }

        [TestMethod]
        public void Reboot_closes_the_session_then_reboots_on_a_device()
        {
            var bench = new Bench(rebootSupported: true);
            var shell = TelnetClient.LoggedIn(bench);
            StringAssert.Contains(shell.Command("help"), "reboot");
            shell.Send("reboot\r\n");
            Assert.IsTrue(shell.WaitClosed());
            StringAssert.Contains(shell.Text, "rebooting...");
            Assert.AreEqual(0, bench.Platform.Reboots, "TCP gets a grace period to deliver the goodbye");
            bench.Run(1500);
            Assert.AreEqual(1, bench.Platform.Reboots);
            bench.Run(5000);
            Assert.AreEqual(1, bench.Platform.Reboots);
        }
    }
}
