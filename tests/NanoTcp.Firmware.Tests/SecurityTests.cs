using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>Hostile and broken peers: the service keeps working and every slot comes back.</summary>
    [TestClass]
    public sealed class SecurityTests
    {
        private static TelnetClient AtPasswordPrompt(Bench bench)
        {
            var c = new TelnetClient(bench);
            Assert.IsTrue(c.WaitFor("Password: "));
            return c;
        }

        private static void AssertEverythingFreed(Bench bench)
        {
            bench.Run(bench.Settings.Stack.TimeWaitMs + 70_000);
            Assert.AreEqual(0, bench.App.Telnet.SessionsInUse, "telnet sessions");
            Assert.AreEqual(bench.Device.ConnectionSlotCount, bench.Device.FreeConnectionSlots, "stack connection slots");
        }

        private static void AssertServiceStillWorks(Bench bench)
        {
            var fresh = TelnetClient.LoggedIn(bench);
            StringAssert.Contains(fresh.Command("uptime"), "up 0 days");
            fresh.Send("exit\r\n");
            Assert.IsTrue(fresh.WaitClosed());
            fresh.Close();
        }

        [TestMethod]
        public void Wrong_passwords_are_rate_limited_and_end_the_connection()
        {
            var bench = new Bench();
            var c = AtPasswordPrompt(bench);
            c.Send("guess1\r\n");
            Assert.IsTrue(c.WaitFor("Login incorrect", 200));
            int mark = c.Mark;
            c.Send("guess2\r\n");
            c.Settle(800);
            Assert.IsFalse(c.TextFrom(mark).Contains("Login incorrect"), "second guess not checked before 1 s");
            Assert.IsTrue(c.WaitFor("Login incorrect", 500, mark));
            mark = c.Mark;
            c.Send("guess3\r\n");
            c.Settle(1800);
            Assert.IsFalse(c.TextFrom(mark).Contains("Login incorrect"), "third guess waits 2 s (back-off doubles)");
            Assert.IsTrue(c.WaitFor("too many failures", 500, mark));
            Assert.IsTrue(c.WaitClosed());
            Assert.AreEqual(3, bench.App.Telnet.Counters.LoginFailures);
            Assert.AreEqual(0, bench.App.Telnet.Counters.Logins);
            Assert.IsFalse(c.Text.Contains("nanotcp>"));
            c.Close();
            AssertEverythingFreed(bench);
        }

        [TestMethod]
        public void The_shell_is_unreachable_before_login()
        {
            var bench = new Bench();
            var c = AtPasswordPrompt(bench);
            c.Send("help\r\nnetstat\r\nexit\r\n");
            c.Settle(5000);
            Assert.IsFalse(c.Text.Contains("Active Internet"), c.Text);
            Assert.IsFalse(c.Text.Contains("list the commands"), c.Text);
            Assert.IsFalse(c.Text.Contains("bye"), c.Text);
            Assert.AreEqual(3, Regex.Matches(c.Text, "Login incorrect").Count);
        }

        [TestMethod]
        public void Parallel_connections_share_one_throttle()
        {
            var bench = new Bench(s => s.TelnetSessions = 4);
            var clients = Enumerable.Range(0, 4).Select(_ => AtPasswordPrompt(bench)).ToList();
            foreach (var c in clients) c.Send("wrong\r\n");
            bench.Run(500);
            foreach (var c in clients) c.Pull();
            Assert.AreEqual(1, clients.Count(c => c.Text.Contains("Login incorrect")), "one check per back-off period");
            bench.Run(10_000);
            foreach (var c in clients) c.Pull();
            Assert.AreEqual(4, clients.Count(c => c.Text.Contains("Login incorrect")));
            Assert.IsTrue(bench.App.Telnet.Throttle.Deferred > 0);
            var good = clients[0];
            int mark = good.Mark;
            good.Send(Bench.Password + "\r\n");
            Assert.IsTrue(good.WaitFor("nanotcp> ", 30_000, mark), "the right password still works after the back-off");
        }

        [TestMethod]
        public void Login_and_idle_timeouts_close_sessions()
        {
            var bench = new Bench(s => { s.LoginTimeoutMs = 20_000; s.IdleTimeoutMs = 30_000; });
            var lazy = AtPasswordPrompt(bench);
            var idle = TelnetClient.LoggedIn(bench);
            Assert.IsTrue(lazy.WaitClosed(25_000));
            StringAssert.Contains(lazy.Text, "login timed out");
            Assert.IsTrue(idle.WaitClosed(35_000));
            StringAssert.Contains(idle.Text, "idle timeout");
            Assert.AreEqual(1, bench.App.Telnet.Counters.IdleTimeouts);
            lazy.Close();
            idle.Close();
            AssertEverythingFreed(bench);
        }

        [TestMethod]
        public void One_megabyte_line_is_rejected_once_without_flooding_the_peer()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int mark = c.Mark;
            var line = new byte[1 << 20];
            for (int i = 0; i < line.Length; i++) line[i] = (byte)('a' + i % 26);
            c.Send(line, 600_000);
            c.Send("\r\n");
            Assert.IsTrue(c.WaitFor("nanotcp> ", 60_000, mark));
            string text = c.TextFrom(mark);
            Assert.AreEqual(1, Regex.Matches(text, "line too long").Count);
            Assert.IsTrue(text.Length < 400, "echo stops at the limit: " + text.Length + " bytes");
            StringAssert.Contains(c.Command("uptime"), "up 0 days");
            Assert.AreEqual(1, bench.App.Telnet.Counters.LinesTooLong);
        }

        [TestMethod]
        public void Binary_junk_does_not_break_the_service()
        {
            var bench = new Bench();
            var random = new Random(1);
            var atLogin = AtPasswordPrompt(bench);
            var loggedIn = TelnetClient.LoggedIn(bench);
            var junk = new byte[64 * 1024];
            random.NextBytes(junk);
            try
            {
                atLogin.Send(junk, 600_000);
            }
            catch (InvalidOperationException)
            {
                // Junk may end the login session (Ctrl-D, three wrong "passwords"): that is fine.
            }
            // Junk without Ctrl-D (which would log out) to a logged-in shell: it must still answer afterwards.
            random.NextBytes(junk);
            for (int i = 0; i < junk.Length; i++) if (junk[i] == 4) junk[i] = 5;
            loggedIn.Send(junk, 600_000);
            loggedIn.Drain();
            atLogin.Pull();
            Assert.IsFalse(atLogin.Text.Contains("nanotcp>"), "junk never logs in");
            StringAssert.Contains(loggedIn.Command("\u0003uptime", 60_000), "up 0 days");
            atLogin.Close();
            loggedIn.Close();
            bench.Run(10_000);
            AssertServiceStillWorks(bench);
            AssertEverythingFreed(bench);
        }

        [TestMethod]
        public void Iac_floods_are_answered_in_kind_and_the_session_survives()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int before = c.Options.Count;
            var flood = new List<byte>();
            for (int i = 0; i < 30_000; i++) flood.AddRange(TelnetClient.Bytes(255, 253, 200));
            for (int i = 0; i < 30_000; i++) flood.AddRange(TelnetClient.Bytes(255, 255));
            for (int i = 0; i < 30_000; i++) flood.AddRange(TelnetClient.Bytes(255, 241));
            flood.AddRange(TelnetClient.Bytes(255, 250));
            for (int i = 0; i < 100_000; i++) flood.Add((byte)(i % 255));
            flood.AddRange(TelnetClient.Bytes(255, 240));
            c.Send(flood.ToArray(), 600_000);
            StringAssert.Contains(c.Command("uptime", 60_000), "up 0 days");
            Assert.AreEqual(30_000, c.Options.Count - before, "each DO answered exactly once with WONT");
            Assert.IsTrue(c.Options.Skip(before).All(o => o == "WONT 200"));
        }

        [TestMethod]
        public void Peer_that_stops_reading_is_cut_off_without_growing_anything()
        {
            var bench = new Bench(s => s.IdleTimeoutMs = 30_000);
            var c = TelnetClient.LoggedIn(bench);
            var commands = new List<byte>();
            for (int i = 0; i < 20_000; i++) commands.AddRange(System.Text.Encoding.ASCII.GetBytes("help\r\n"));
            // Never read: our receive window closes, the device's output backs up and its input stops.
            int sent = 0;
            long end = bench.Now + 120_000;
            byte[] all = commands.ToArray();
            while (bench.Now < end)
            {
                int n = bench.Client.Send(c.Handle, all, sent, all.Length - sent);
                if (n > 0) sent += n;
                bench.Run(500);
            }
            Assert.IsTrue(sent < all.Length, "flow control pushed back on the sender");
            Assert.AreEqual(0, bench.App.Telnet.SessionsInUse, "the session gave up on the peer");
            bench.Client.Abort(c.Handle);
            AssertServiceStillWorks(bench);
            AssertEverythingFreed(bench);
        }

        [TestMethod]
        public void Vanished_peer_is_timed_out_and_its_slots_freed()
        {
            var bench = new Bench(s => s.IdleTimeoutMs = 30_000);
            var c = TelnetClient.LoggedIn(bench);
            bench.Wire.EndA.Delivers = false;
            bench.Wire.EndB.Delivers = false;
            bench.Run(40_000);
            Assert.AreEqual(0, bench.App.Telnet.SessionsInUse);
            bench.Run(15 * 60_000);
            Assert.AreEqual(bench.Device.ConnectionSlotCount, bench.Device.FreeConnectionSlots);
            bench.Wire.EndA.Delivers = true;
            bench.Wire.EndB.Delivers = true;
            bench.Client.Abort(c.Handle);
            AssertServiceStillWorks(bench);
        }

        [TestMethod]
        public void Many_sessions_at_once_are_served_or_wait_or_are_refused_never_abandoned_and_every_slot_comes_back()
        {
            // Issue 12, honest accept policy: a completed handshake gets a session (maybe after waiting in the
            // listener's backlog) or a RST from the stack; nothing is accepted only to be told "busy" and closed.
            var bench = new Bench(s => s.TelnetSessions = 2);
            var clients = new List<TelnetClient>();
            for (int i = 0; i < 8; i++) clients.Add(new TelnetClient(bench));
            bench.Run(10_000);
            foreach (var c in clients) c.Pull();
            var served = clients.Where(c => c.Text.Contains("Password: ")).ToList();
            var waiting = clients.Where(c => c.State == TcpState.Established && c.Raw.Count == 0).ToList();
            var refused = clients.Where(c => c.Error == TcpError.ConnectionReset).ToList();
            string summary = string.Join(", ", clients.Select(c => $"{c.State}/{c.Error}/{c.Raw.Count}B"));
            Assert.AreEqual(2, served.Count, summary);
            Assert.AreEqual(0, clients.Count(c => c.EndOfStream), "nothing accepted and closed: " + summary);
            Assert.IsGreaterThanOrEqualTo(1, waiting.Count, summary);
            Assert.IsGreaterThanOrEqualTo(1, refused.Count, summary);
            Assert.AreEqual(clients.Count, served.Count + waiting.Count + refused.Count, summary);

            // A session frees: the client that waited longest in the backlog gets it.
            served[0].Close();
            Assert.IsTrue(bench.RunUntil(() =>
            {
                foreach (var c in waiting) c.Pull();
                return waiting.Any(c => c.Text.Contains("Password: "));
            }, 10_000), "a waiting client is served once a session frees");
            foreach (var c in clients) c.Close();
            bench.Run(5_000);
            Assert.AreEqual(0, bench.App.Telnet.SessionsInUse);
            AssertServiceStillWorks(bench);
            AssertEverythingFreed(bench);
        }

        [TestMethod]
        public void Scripted_client_that_sends_fin_right_away_gets_the_whole_output()
        {
            var bench = new Bench();
            var c = new TelnetClient(bench);
            Assert.IsTrue(c.WaitEstablished());
            c.Send(Bench.Password + "\nstats\nhelp\n");
            bench.Client.Shutdown(c.Handle);
            Assert.IsTrue(c.WaitClosed(30_000));
            Assert.IsTrue(c.EndOfStream);
            StringAssert.Contains(c.Text, "option_requests");
            StringAssert.Contains(c.Text, "quit                close this session");
            bench.Run(1000);
            Assert.AreEqual(0, bench.App.Telnet.SessionsInUse);
        }

        [TestMethod]
        public void Peer_fin_and_exit_both_close_cleanly()
        {
            var bench = new Bench();
            var a = TelnetClient.LoggedIn(bench);
            a.Close();
            bench.Run(1000);
            Assert.AreEqual(0, bench.App.Telnet.SessionsInUse);
            var b = TelnetClient.LoggedIn(bench);
            b.Send("exit\r\n");
            Assert.IsTrue(b.WaitClosed());
            Assert.IsTrue(b.EndOfStream, "FIN, not RST");
            StringAssert.Contains(b.Text, "bye\r\n");
            b.Close();
            AssertEverythingFreed(bench);
        }
    }
}
