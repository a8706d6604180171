/**
 * The WeChat channels, wired: the module the composition root builds from the {@code config} records. It depends on
 * {@code oa}, {@code kf} and {@code config}; none of them depends on it.
 */
package dev.baton.wechat;
