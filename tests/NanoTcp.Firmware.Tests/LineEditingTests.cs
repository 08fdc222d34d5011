using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>Character-at-a-time editing as Linux telnet drives it (echo and SGA on), one key per segment.</summary>
    [TestClass]
    public sealed class LineEditingTests
    {
        private static void TypeKeys(TelnetClient c, string keys)
        {
            foreach (char k in keys)
            {
                c.Send(new[] { (byte)k });
                c.Settle(20);
            }
        }

        private static int Prompts(string text) => Regex.Matches(text, "nanotcp> ").Count;

        [TestMethod]
        public void Backspace_and_delete_are_echoed_as_erase_and_edit_the_line()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int mark = c.Mark;
            TypeKeys(c, "upx\bti\u007fime\r\0");
            Assert.IsTrue(c.WaitFor("nanotcp> ", 2000, mark));
            string text = c.TextFrom(mark);
            Assert.IsTrue(text.StartsWith("upx\b \bti\b \bime\r\nup 0 days"), text);
        }

        [TestMethod]
        public void Cr_nul_cr_lf_and_bare_lf_each_end_exactly_one_line()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int mark = c.Mark;
            c.Send("uptime\r\0uptime\r\nuptime\nuptime\r");
            c.Settle(2000);
            string text = c.TextFrom(mark);
            Assert.AreEqual(4, Regex.Matches(text, "up 0 days").Count, text);
            Assert.AreEqual(4, Prompts(text), text);
        }

        [TestMethod]
        public void Ctrl_c_discards_the_line_and_shows_a_new_prompt()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int mark = c.Mark;
            TypeKeys(c, "bogus\u0003");
            string text = c.TextFrom(mark);
            Assert.IsTrue(text.EndsWith("bogus^C\r\nnanotcp> "), text);
            StringAssert.Contains(c.Command("uptime"), "up 0 days");
        }

        [TestMethod]
        public void Ctrl_c_and_interrupt_process_stop_a_running_ping()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int mark = c.Mark;
            c.Send("ping 192.0.2.1 100\r\n");
            Assert.IsTrue(c.WaitFor("icmp_seq=3", 10000, mark));
            c.Send(new byte[] { 3 });
            Assert.IsTrue(c.WaitFor("nanotcp> ", 2000, mark));
            string text = c.TextFrom(mark);
            StringAssert.Contains(text, "^C\r\n--- 192.0.2.1 ping statistics ---");
            Assert.IsFalse(text.Contains("100 packets transmitted"), text);

            mark = c.Mark;
            c.Send("ping 192.0.2.1 100\r\n");
            Assert.IsTrue(c.WaitFor("icmp_seq=2", 10000, mark));
            c.Send(TelnetClient.Bytes(255, 244));
            Assert.IsTrue(c.WaitFor("nanotcp> ", 2000, mark));
            StringAssert.Contains(c.TextFrom(mark), "ping statistics");
        }

        [TestMethod]
        public void Ctrl_u_and_erase_line_clear_the_line()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            int mark = c.Mark;
            c.Send("bogus\u0015uptime\r\n");
            Assert.IsTrue(c.WaitFor("up 0 days", 2000, mark));
            c.Send("bogus");
            c.Send(TelnetClient.Bytes(255, 248));
            string output = c.Command("uptime");
            Assert.IsFalse(c.TextFrom(mark).Contains("unknown command"), c.TextFrom(mark));
            StringAssert.Contains(output, "up 0 days");
        }

        [TestMethod]
        public void Iac_iac_data_byte_inside_a_line_is_ignored()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            c.Send(TelnetClient.Bytes('u', 'p', 255, 255, 't', 'i', 'm', 'e'));
            StringAssert.Contains(c.Command(""), "up 0 days");
        }

        [TestMethod]
        public void Ctrl_d_on_an_empty_line_logs_out()
        {
            var bench = new Bench();
            var c = TelnetClient.LoggedIn(bench);
            c.Send(new byte[] { 4 });
            Assert.IsTrue(c.WaitClosed());
            Assert.AreEqual(0, bench.App.Telnet.SessionsInUse);
        }
    }
}
