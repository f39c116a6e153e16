/**
 * Certified bounds on the robust loss L_* (paper Definition 3.4): interval bound propagation (IBP,
 * Gowal et al. 2018) and CROWN-style linear bound propagation (Zhang et al. 2018) through the deep ReLU
 * net (eq. 1) and the two-layer net (eq. 4), over l-infinity and l2 balls optionally intersected with a box.
 *
 * <p>Entry point: {@link advtrain.certify.Certifier}. Bounds are sound in exact arithmetic; the
 * floating-point evaluation can move them by rounding (about the number of summed terms times one ulp of
 * their magnitude), which the tests allow for and nothing here pads.
 */
package advtrain.certify;
