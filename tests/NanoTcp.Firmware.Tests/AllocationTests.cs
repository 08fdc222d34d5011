using System;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>The steady-state loop — typing, running every command, ping, echo traffic, idle polls — allocates nothing.</summary>
    [TestClass]
    public sealed class AllocationTests
    {
        private static readonly string[] Lines =
        {
            "help", "ifconfig", "netstat", "arp", "stats", "uptime", "mem", "who", "close 7", "bogus", "ping 192.0.2.1 2",
        };

        [TestMethod]
        public void Steady_state_loop_allocates_nothing()
        {
            var bench = new Bench();
            var shell = TelnetClient.LoggedIn(bench);
            var echo = new TelnetClient(bench, 7);
            Assert.IsTrue(echo.WaitEstablished());
            byte[][] commands = new byte[Lines.Length][];
            for (int i = 0; i < Lines.Length; i++) commands[i] = Encoding.ASCII.GetBytes(Lines[i] + "\r\n");
            byte[] echoData = new byte[300];
            byte[] sink = new byte[16384];

            RunLoop(bench, shell.Handle, echo.Handle, commands, echoData, sink); // warm-up: JIT, first-use paths
            long before = GC.GetAllocatedBytesForCurrentThread();
            long received = RunLoop(bench, shell.Handle, echo.Handle, commands, echoData, sink);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.IsTrue(received > 10_000, "the loop did real work: " + received + " bytes");
            Assert.AreEqual(0, allocated, "bytes allocated in steady state");
        }

        private static long RunLoop(Bench bench, int shell, int echo, byte[][] commands, byte[] echoData, byte[] sink)
        {
            long received = 0;
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < commands.Length; i++)
                {
                    bench.Client.Send(shell, commands[i], 0, commands[i].Length);
                    bench.Client.Send(echo, echoData, 0, echoData.Length);
                    for (int step = 0; step < 3000; step++)
                    {
                        bench.Tick(1);
                        received += Drain(bench.Client, shell, sink) + Drain(bench.Client, echo, sink);
                    }
                }
            }
            return received;
        }

        private static int Drain(NetworkStack stack, int handle, byte[] sink)
        {
            int total = 0, n;
            while ((n = stack.Receive(handle, sink, 0, sink.Length)) > 0) total += n;
            return total;
        }
    }
}
