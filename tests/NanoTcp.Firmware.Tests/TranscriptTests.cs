using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>Runs every shell command once and prints the session (the transcript shown in firmware/README.md).</summary>
    [TestClass]
    public sealed class TranscriptTests
    {
        [TestMethod]
        public void Every_command_returns_to_the_prompt()
        {
            var bench = new Bench();
            var client = TelnetClient.LoggedIn(bench);
            foreach (string line in new[] { "help", "ifconfig", "netstat", "arp", "stats", "ping 192.0.2.1 3", "uptime", "mem", "who", "close 7", "abort", "bogus" })
            {
                client.Command(line, 20000);
            }
            int mark = client.Mark;
            client.Send("exit\r\n");
            Assert.IsTrue(client.WaitClosed());
            Console.WriteLine(client.Text.Replace("\r\n", "\n"));
            StringAssert.Contains(client.TextFrom(mark), "bye");
        }
    }
}
