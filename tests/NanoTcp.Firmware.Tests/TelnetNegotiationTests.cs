using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>RFC 854/855/1143 negotiation against scripted clients over the in-memory wire.</summary>
    [TestClass]
    public sealed class TelnetNegotiationTests
    {
        private const int IAC = 255, WILL = 251, WONT = 252, DO = 253, DONT = 254, SB = 250, SE = 240;

        private static TelnetClient Connected(Bench bench)
        {
            var c = new TelnetClient(bench);
            Assert.IsTrue(c.WaitEstablished());
            Assert.IsTrue(c.WaitFor("Password: "));
            return c;
        }

        [TestMethod]
        public void Server_offers_will_echo_and_will_sga_once_on_connect()
        {
            var bench = new Bench();
            var c = Connected(bench);
            c.Settle(2000);
            CollectionAssert.AreEqual(new[] { "WILL 1", "WILL 3" }, c.Options);
            Assert.AreEqual(IAC, c.Raw[0], "the offers come first, before the banner");
        }

        [TestMethod]
        public void Linux_telnet_opening_gets_exactly_one_answer_per_request()
        {
            var bench = new Bench();
            var c = Connected(bench);
            // What netkit telnet sends when it connects to the telnet port, plus its answers to our offers.
            c.Send(TelnetClient.Bytes(IAC, DO, 3, IAC, WILL, 24, IAC, WILL, 31, IAC, WILL, 32, IAC, WILL, 33,
                IAC, WILL, 34, IAC, WILL, 39, IAC, DO, 5, IAC, DO, 1));
            c.Settle(1000);
            CollectionAssert.AreEqual(
                new[] { "WILL 1", "WILL 3", "DONT 24", "DONT 31", "DONT 32", "DONT 33", "DONT 34", "DONT 39", "WONT 5" },
                c.Options);
            TelnetSession session = bench.App.Telnet.GetSession(0);
            Assert.IsTrue(session.Options.EchoOn);
            Assert.IsTrue(session.Options.SuppressGoAheadOn);

            // Repeating confirmations of modes already in effect draws no reply (RFC 854, RFC 1143).
            c.Send(TelnetClient.Bytes(IAC, DO, 1, IAC, DO, 3, IAC, WONT, 24, IAC, DONT, 5));
            c.Settle(1000);
            Assert.AreEqual(9, c.Options.Count);
        }

        [TestMethod]
        public void No_loop_with_a_client_that_answers_everything()
        {
            var bench = new Bench();
            var c = Connected(bench);
            // A client that acknowledges every request (agreeing or refusing, never silent) and asks for
            // options of its own; with a naive server the two would ping-pong forever.
            var answered = 0;
            var agreeable = new HashSet<int> { 1, 3 };
            c.Send(TelnetClient.Bytes(IAC, WILL, 1, IAC, WILL, 3, IAC, DO, 0, IAC, WILL, 31));
            for (int round = 0; round < 20; round++)
            {
                c.Settle(100);
                var reply = new List<byte>();
                for (; answered < c.Options.Count; answered++)
                {
                    string[] p = c.Options[answered].Split(' ');
                    int option = int.Parse(p[1]);
                    bool agree = agreeable.Contains(option);
                    switch (p[0])
                    {
                        case "WILL": reply.AddRange(TelnetClient.Bytes(IAC, agree ? DO : DONT, option)); break;
                        case "WONT": reply.AddRange(TelnetClient.Bytes(IAC, DONT, option)); break;
                        case "DO": reply.AddRange(TelnetClient.Bytes(IAC, agree ? WILL : WONT, option)); break;
                        case "DONT": reply.AddRange(TelnetClient.Bytes(IAC, WONT, option)); break;
                    }
                }
                if (reply.Count > 0) c.Send(reply.ToArray());
            }
            int settled = c.Options.Count;
            c.Settle(3000);
            Assert.AreEqual(settled, c.Options.Count, "negotiation must come to rest");
            Assert.IsTrue(settled <= 8, "bounded exchange, got: " + string.Join(", ", c.Options));
            Assert.IsTrue(bench.App.Telnet.GetSession(0).Options.EchoOn);
        }

        [TestMethod]
        public void Refused_echo_means_no_echo_until_the_client_asks_for_it()
        {
            var bench = new Bench(s => s.TelnetPassword = null);
            var c = new TelnetClient(bench);
            Assert.IsTrue(c.WaitFor("nanotcp> "));
            c.Send(TelnetClient.Bytes(IAC, DONT, 1, IAC, DO, 3));
            c.Settle(500);
            int mark = c.Mark;
            c.Send("uptime\r\n");
            Assert.IsTrue(c.WaitFor("nanotcp> ", 5000, mark));
            Assert.IsFalse(c.TextFrom(mark).StartsWith("uptime"), "not echoed: " + c.TextFrom(mark));
            Assert.AreEqual(2, c.Options.Count, "DONT ECHO answering WILL ECHO is not acknowledged");

            c.Send(TelnetClient.Bytes(IAC, DO, 1));
            c.Settle(500);
            Assert.AreEqual("WILL 1", c.Options.Last());
            mark = c.Mark;
            c.Send("uptime\r\n");
            Assert.IsTrue(c.WaitFor("nanotcp> ", 5000, mark));
            Assert.IsTrue(c.TextFrom(mark).StartsWith("uptime\r\n"), "echoed: " + c.TextFrom(mark));
        }

        [TestMethod]
        public void Client_offering_to_echo_is_refused_and_timing_mark_is_answered()
        {
            var bench = new Bench();
            var c = Connected(bench);
            c.Send(TelnetClient.Bytes(IAC, WILL, 1, IAC, DO, 6, IAC, DO, 6));
            c.Settle(500);
            CollectionAssert.AreEqual(new[] { "WILL 1", "WILL 3", "DONT 1", "WILL 6", "WILL 6" }, c.Options);
        }

        [TestMethod]
        public void Subnegotiations_are_skipped_and_a_broken_one_does_not_swallow_the_session()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            var sb = new List<byte>(TelnetClient.Bytes(IAC, SB, 24, 0));
            for (int i = 0; i < 10000; i++) sb.Add((byte)(i % 250));
            sb.AddRange(TelnetClient.Bytes(IAC, IAC, 1, IAC, SE));
            c.Send(sb.ToArray());
            StringAssert.Contains(c.Command("uptime"), "up 0 days");
            Assert.AreEqual(10004, bench.App.Telnet.GetSession(0).Parser.SubnegotiationBytesSkipped);

            // IAC SB with no IAC SE, then a regular option command: the command ends the subnegotiation.
            c.Send(TelnetClient.Bytes(IAC, SB, 31, 0, 80, 0, IAC, DO, 5));
            StringAssert.Contains(c.Command("uptime"), "up 0 days");
            Assert.AreEqual("WONT 5", c.Options.Last());
        }

        [TestMethod]
        public void Are_you_there_gets_a_visible_answer()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int mark = c.Mark;
            c.Send(TelnetClient.Bytes(IAC, 246));
            Assert.IsTrue(c.WaitFor("[nanoTcp: yes]", 2000, mark));
        }

        [TestMethod]
        public void Plain_tcp_client_like_nc_works_without_negotiation()
        {
            var bench = new Bench();
            var c = new TelnetClient(bench);
            Assert.IsTrue(c.WaitFor("Password: "));
            c.Send(Bench.Password + "\n");
            Assert.IsTrue(c.WaitFor("nanotcp> "));
            int mark = c.Mark;
            c.Send("netstat\n");
            Assert.IsTrue(c.WaitFor("nanotcp> ", 5000, mark));
            string output = c.TextFrom(mark);
            Assert.IsTrue(output.StartsWith("Active Internet connections"), "no echo for a client that did not ask: " + output);
            Assert.IsFalse(c.Text.Contains(Bench.Password), "the password is never echoed");
            Assert.AreEqual(2, c.Options.Count, "only the two offers, which nc ignores");
        }
    }
}
