using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Board;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// Issue 6, interop test 10: tests 1, 7 and 8 once more with <c>--link enc28j60</c> — the ENC28J60 driver
    /// talking over an emulated SPI bus to the emulated chip, whose wire is the TAP device.
    /// </summary>
    [TestClass]
    public sealed class Enc28j60InteropTests
    {
        /// <summary>MSTest context.</summary>
        public TestContext TestContext { get; set; }

        private static void Enc(BoardOptions o) => o.Link = LinkKind.Enc28j60;

        /// <summary>10/1. 10 MB echo through the ENC28J60 driver and emulated chip.</summary>
        [TestMethod]
        public void Interop10_Enc28j60_Echo10MB()
        {
            using var net = InteropNetwork.Start(Enc);
            TimeSpan t = Exchanges.EchoBytes(net, 10 * 1024 * 1024, seed: 10, timeoutMs: 120000);
            TestContext.WriteLine("10 MB echoed through the ENC28J60 in " + t.TotalSeconds.ToString("0.00") + " s");
        }

        /// <summary>10/7. telnet login, netstat, exit through the ENC28J60.</summary>
        [TestMethod]
        public void Interop10_Enc28j60_Telnet()
        {
            using var net = InteropNetwork.Start(o => { Enc(o); ShellAndPingInteropTests.ShortTimeWait(o); }, "telnet", "tmux");
            ShellAndPingInteropTests.TelnetSession(net);
        }

        /// <summary>10/8. ping 20/20 (and -s 1400) through the ENC28J60.</summary>
        [TestMethod]
        public void Interop10_Enc28j60_Ping()
        {
            using var net = InteropNetwork.Start(Enc, "ping");
            Exchanges.Ping(net);
        }
    }
}
