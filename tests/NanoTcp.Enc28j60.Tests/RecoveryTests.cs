using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Tests.Harness;

namespace NanoTcp.Enc28j60.Tests
{
    /// <summary>Faults beyond §11.6: the chip reset behind the driver's back (brown-out, esp-idf#9092).</summary>
    [TestClass]
    public sealed class RecoveryTests
    {
        [TestMethod]
        public void ChipResetBehindDriversBack_HealthCheckReinitialises_TrafficResumes()
        {
            foreach (bool pin in new[] { false, true })
            {
                var rig = new Rig(interruptPin: pin, resetPin: true);
                Assert.AreEqual(1, rig.Reset.Pulses, "the RESET pin is used when present");

                // A brown-out: every register back to its reset value, RXEN off, the driver not told.
                rig.Chip.PulseResetPin();
                Assert.IsFalse(rig.Chip.ReceiveFromWire(Rig.MakeFrame(Rig.OurMac, 100, 1), 0, 100), "chip deaf");

                for (int i = 0; i < 30 && rig.Driver.Counters.ChipResets < 2; i++)
                {
                    rig.Idle(100_000);
                    rig.ReceiveOne();
                }

                Assert.AreEqual(2, rig.Driver.Counters.ChipResets, "re-initialised within the health-check period");
                byte[] frame = Rig.MakeFrame(Rig.OurMac, 300, 2);
                rig.Inject(frame);
                Rig.AssertFrame(frame, rig.ReceiveOne());
                byte[] outgoing = Rig.MakeOutgoingFrame(300, 3);
                Assert.IsTrue(rig.Driver.Transmit(outgoing, 0, outgoing.Length));
                Assert.IsTrue(rig.Driver.FlushTransmit());
                rig.AssertNoViolations();
            }
        }

        /// <summary>The chip's clock until <see cref="Frozen"/> is set; then a clock that never moves.</summary>
        private sealed class FreezableClock : IMicrosecondClock
        {
            private readonly ChipClock _clock;
            private long _frozenAt;

            public FreezableClock(ChipClock clock)
            {
                _clock = clock;
            }

            public bool Frozen
            {
                get => _frozenAt != 0;
                set => _frozenAt = value ? _clock.NowMicroseconds : 0;
            }

            public long NowMicroseconds => Frozen ? _frozenAt : _clock.NowMicroseconds;

            public void Delay(int microseconds)
            {
                if (!Frozen)
                {
                    _clock.Delay(microseconds);
                }
            }
        }

        [TestMethod]
        public void FrozenClock_EveryWaitStillEnds()
        {
            var rig = new Rig(initialize: false);
            var clock = new FreezableClock(rig.Clock);
            var driver = new Enc28j60Driver(rig.Spy, clock, rig.Options);
            Assert.AreEqual(Enc28j60InitResult.Success, driver.Initialize());

            // From here on time stands still for the driver: the hang must be detected by counting polls.
            clock.Frozen = true;
            rig.Chip.InjectTxHang();
            Assert.IsTrue(driver.Transmit(Rig.MakeOutgoingFrame(100, 4), 0, 100));
            long before = rig.Spy.Count;
            Assert.IsFalse(driver.FlushTransmit(), "the hung frame is abandoned after a bounded number of polls");
            Assert.AreEqual(1, driver.Counters.TransmitHangs);
            Assert.IsTrue(rig.Spy.Count - before < 200);

            // And without any clock an initialisation ends too (it cannot wait out the reset, which the chip's
            // strict mode would report as the errata #2 violation it is: switched off for this last step).
            rig.Chip.Options.Strict = false;
            Assert.AreNotEqual(Enc28j60InitResult.Success, driver.Initialize());
        }

        [TestMethod]
        public void ChipAbsent_InitialisationRetriedByService_NoHang()
        {
            var rig = new Rig(chip: o => o.MisoStuckHigh = true, initialize: false);
            Assert.AreEqual(Enc28j60InitResult.NoDevice, rig.Driver.Initialize());
            for (int i = 0; i < 5; i++)
            {
                rig.Idle(1_100_000);
                Assert.IsNull(rig.ReceiveOne());
                Assert.IsFalse(rig.Driver.Transmit(Rig.MakeOutgoingFrame(60, i), 0, 60));
            }

            Assert.IsTrue(rig.Driver.Counters.ChipResets >= 5, "an initialisation is retried every health-check period");
            Assert.IsFalse(rig.Driver.IsUp);
        }
    }
}
