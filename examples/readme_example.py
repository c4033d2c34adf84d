import numpy as np
import strideload

# One step: a 70 kg runner at 5 m/s, 200 ms contact, 120 ms flight, 0.95 m leg.
load = strideload.step_load(model="morin2005", mass_kg=70, speed_m_s=5, contact_time_s=0.2,
                            flight_time_s=0.12, leg_length_m=0.95, gravity_m_s2=9.81)
print(f"peak {load.peak_vertical_force_N:.1f} N = {load.peak_vertical_force_bw:.3f} BW")

# A million steps at once: numpy in, numpy out, inputs read without copying.
n = 1_000_000
contact = np.random.default_rng(0).uniform(0.18, 0.30, n)
out = strideload.step_load_batch(model="morin2005", mass_kg=70, speed_m_s=4.0,
                                 contact_time_s=contact, flight_time_s=0.10, leg_length_m=0.95)
print(f"mean peak over {n} steps: {out['peak_vertical_force_bw'].mean():.2f} BW")
