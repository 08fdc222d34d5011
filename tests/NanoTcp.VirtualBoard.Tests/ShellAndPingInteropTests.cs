using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>Issue 6, interop tests 7 and 8: Debian's telnet client and ping against the board.</summary>
    [TestClass]
    public sealed class ShellAndPingInteropTests
    {
        /// <summary>7. telnet logs in, netstat shows its own connection ESTABLISHED, exit frees the slot.</summary>
        [TestMethod]
        public void Interop07_DebianTelnet_LoginNetstatExit()
        {
            using var net = InteropNetwork.Start(ShortTimeWait, "telnet", "tmux");
            TelnetSession(net);
        }

        /// <summary>8. ping -c 20 from the namespace: 20/20 replies, also with -s 1400.</summary>
        [TestMethod]
        public void Interop08_Ping_20of20_AndLargePayload()
        {
            using var net = InteropNetwork.Start(null, "ping");
            Exchanges.Ping(net);
        }

        internal static void ShortTimeWait(Board.BoardOptions o)
        {
            o.Configure = s => s.Stack.TimeWaitMs = 1000;
        }

        internal static void TelnetSession(InteropNetwork net)
        {
            int slots = net.Board.Invoke(s => s.ConnectionSlotCount);
            using var telnet = new TelnetUnderTmux(net);
            telnet.WaitFor("Password: ", 10000);
            telnet.TypeLine("secret");
            telnet.WaitFor("nanotcp> ", 10000);
            // Linux's view of the telnet connection gives us the client's port.
            int linuxPort = 0;
            Wait.Until(() => net.LinuxTcpStates().Exists(s => s.RemotePort == 23 && s.State == "ESTAB" && (linuxPort = s.LocalPort) > 0),
                       5000, "Linux to show the telnet connection ESTAB");
            telnet.TypeLine("netstat");
            telnet.WaitFor(@"192\.0\.2\.2:23\s+192\.0\.2\.1:" + linuxPort + @"\s+ESTABLISHED", 10000);
            telnet.TypeLine("exit");
            Wait.Until(() => !telnet.Alive, 10000, "the telnet client to exit after the board closed the session");
            Wait.Until(() => net.FreeSlots() == slots, 5000, "the session's slot to be freed; slots " + Exchanges.Describe(net));
        }
    }
}
