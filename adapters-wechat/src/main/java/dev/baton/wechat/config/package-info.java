/**
 * The {@code channels.wechat} and {@code channels.wecom-kf} blocks of {@code baton.yaml}, typed and validated. The
 * Official Account ({@code oa}) and WeCom ({@code kf}) packages read them; they read only {@code crypto}.
 */
package dev.baton.wechat.config;
