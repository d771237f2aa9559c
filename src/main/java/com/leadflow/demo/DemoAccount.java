package com.leadflow.demo;

import com.leadflow.security.Role;

import java.util.List;

/** A demo login; the login page lists these in demo mode only. */
public record DemoAccount(String username, String displayName, Role role, String team) {

    public static final String PASSWORD = "leadflow";

    public static final List<DemoAccount> ALL = List.of(
            new DemoAccount("admin", "Alex Morgan", Role.ADMIN, null),
            new DemoAccount("maria", "Maria Petrova", Role.MARKETING, null),
            new DemoAccount("sam", "Sam Carter", Role.SALES, "North"),
            new DemoAccount("olga", "Olga Ivanova", Role.SALES, "North"),
            new DemoAccount("peter", "Peter Novak", Role.SALES, "South"),
            new DemoAccount("dmitry", "Dmitry Sokolov", Role.SALES, "South"),
            new DemoAccount("lisa", "Lisa Chen", Role.SALES, "Enterprise"),
            new DemoAccount("ivan", "Ivan Kuznetsov", Role.SALES, "Enterprise"),
            new DemoAccount("erik", "Erik Lund", Role.EXECUTIVE, null));
}
