using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Sockets.Tests.Harness;

namespace NanoTcp.Sockets.Tests
{
    /// <summary>
    /// The test steps the pumps itself with virtual time: what the stack sends and when a timeout passes depend
    /// only on the steps, never on the machine's speed.
    /// </summary>
    [TestClass]
    public sealed class DeterministicTests
    {
        [TestMethod]
        public void NonBlockingCallsUnderManualStepsExchangeData()
        {
            var time = new VirtualSleeper();
            using var pair = new PumpPair(start: false, sleeper: time);
            var listener = new TcpListener(pair.Server, 7400);
            listener.Start();
            var client = new TcpClient(pair.Client);
            var server = new TcpClient(pair.Server);
            // Connect blocks on its own thread; this thread plays the pump driver, one step per virtual ms.
            var connect = new Background(() => client.Connect(PumpPair.ServerAddress, 7400));
            bool accepted = false;
            for (int i = 0; i < 200 && !accepted; i++)
            {
                pair.StepBoth(time.NowMs += 1);
                accepted = listener.AcceptTcpClient(server, 0);
                Thread.Sleep(1); // let the connecting thread see the step
            }
            Assert.IsTrue(accepted);
            connect.Join();
            int wakesBefore = time.Wakes;
            Assert.AreEqual(5, client.Send(new byte[] { 1, 2, 3, 4, 5 }, 0, 5, 0));
            Assert.IsTrue(time.Wakes > wakesBefore, "a send wakes the pump: the stack's deadline does not know about it");
            var buffer = new byte[8];
            Assert.AreEqual(TcpError.WouldBlock, server.Receive(buffer, 0, 8, 0), "nothing arrives before a step");
            pair.StepBoth(time.NowMs);
            pair.StepBoth(time.NowMs);
            Assert.AreEqual(5, server.Receive(buffer, 0, 8, 0), "one step later, at the same virtual instant");
        }

        [TestMethod]
        public void ATimeoutIsMeasuredOnThePumpClock()
        {
            var time = new VirtualSleeper();
            using var pair = new PumpPair(start: false, sleeper: time);
            var listener = new TcpListener(pair.Server, 7401);
            listener.Start();
            int result = 0;
            var into = new TcpClient(pair.Server);
            var waiter = new Background(() => result = listener.AcceptTcpClient(into, 5000) ? 1 : -1);
            Thread.Sleep(200);
            pair.StepBoth(time.NowMs += 4999);
            Thread.Sleep(200);
            Assert.IsTrue(waiter.IsAlive, "4999 virtual ms: still waiting");
            pair.StepBoth(time.NowMs += 1);
            waiter.Join(5000);
            Assert.AreEqual(-1, result, "timed out at exactly 5000 virtual ms");
        }
    }
}
